import type { PostRecord } from './records.ts';

/** What automatic answering did with the posts in watched channels. */
export interface DeflectionCounts {
  /** New top-level posts seen in watched channels. */
  posts: number;
  /** Answered automatically (in their thread). */
  answered: number;
  /** Automatic answers someone marked "Solved it". */
  solved: number;
  /** Automatic answers someone marked "Still need a human". */
  handedOff: number;
}

/** One week, from Monday (UTC). */
export interface DeflectionWeek extends DeflectionCounts {
  week: string;
}

export interface Deflection extends DeflectionCounts {
  /** Answers not posted because a person had replied in the thread first. */
  repliedFirst: number;
  /**
   * Of the automatic answers with a verdict, the share marked solved: an estimate of precision
   * from feedback (people who were helped click less often than people who were not). Null
   * without verdicts.
   */
  precision: number | null;
  weeks: DeflectionWeek[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The deflection figures for the posts of one period, per week from the week of `since` to that of `until`. */
export function deflectionOf(posts: readonly PostRecord[], since: Date, until: Date): Deflection {
  const totals = countsOf(posts);
  const byWeek = new Map<string, PostRecord[]>();
  for (const p of posts) {
    const week = weekOf(p.at);
    byWeek.set(week, [...(byWeek.get(week) ?? []), p]);
  }
  const weeks: DeflectionWeek[] = [];
  const last = weekOf(until.getTime() - 1);
  for (let t = Date.parse(weekOf(since.getTime())); ; t += 7 * DAY_MS) {
    const week = weekOf(t);
    weeks.push({ week, ...countsOf(byWeek.get(week) ?? []) });
    if (week >= last) break;
  }
  const judged = totals.solved + totals.handedOff;
  return {
    ...totals,
    repliedFirst: posts.filter((p) => p.outcome === 'person-replied-first').length,
    precision: judged === 0 ? null : Math.round((totals.solved / judged) * 1000) / 1000,
    weeks,
  };
}

function countsOf(posts: readonly PostRecord[]): DeflectionCounts {
  const answered = posts.filter((p) => p.outcome === 'answered');
  return {
    posts: posts.length,
    answered: answered.length,
    solved: answered.filter((p) => p.verdict === 'solved').length,
    handedOff: answered.filter((p) => p.verdict === 'human').length,
  };
}

/** The Monday (UTC) of the week `ms` falls in: `2024-05-06`. */
export function weekOf(ms: number): string {
  const day = new Date(ms);
  const monday =
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) -
    ((day.getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}
