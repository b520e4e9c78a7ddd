import type { Outcome } from '../answer/reply.ts';
import type { QuestionRecord } from './records.ts';

/** How questions ended. Rates are over container questions (answer + clarify + fallback): small talk
 * such as "hello" neither helps nor hurts them. A rate is null when there were no such questions. */
export interface OutcomeRates {
  questions: number;
  answer: number;
  clarify: number;
  fallback: number;
  smalltalk: number;
  answerRate: number | null;
  clarifyRate: number | null;
  fallbackRate: number | null;
}

/** One UTC day. */
export interface DayRates extends OutcomeRates {
  day: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Outcome counts and rates over `questions`. */
export function outcomeRates(questions: readonly QuestionRecord[]): OutcomeRates {
  const counts: Record<Outcome, number> = { answer: 0, clarify: 0, fallback: 0, smalltalk: 0 };
  for (const q of questions) counts[q.outcome]++;
  const asked = counts.answer + counts.clarify + counts.fallback;
  const rate = (n: number) => (asked === 0 ? null : Math.round((n / asked) * 1000) / 1000);
  return {
    questions: questions.length,
    ...counts,
    answerRate: rate(counts.answer),
    clarifyRate: rate(counts.clarify),
    fallbackRate: rate(counts.fallback),
  };
}

/** Rates for every UTC day from `since` to `until`, days without questions included. */
export function dailyRates(questions: readonly QuestionRecord[], since: Date, until: Date): DayRates[] {
  const byDay = new Map<string, QuestionRecord[]>();
  for (const q of questions) {
    const day = dayOf(q.at);
    const list = byDay.get(day) ?? [];
    list.push(q);
    byDay.set(day, list);
  }
  const days: DayRates[] = [];
  const last = dayOf(until.getTime() - 1);
  for (let t = Date.parse(dayOf(since.getTime())); ; t += DAY_MS) {
    const day = dayOf(t);
    days.push({ day, ...outcomeRates(byDay.get(day) ?? []) });
    if (day >= last) break;
  }
  return days;
}

/** `2024-05-01` (UTC) */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The value below which `share` of `values` fall (nearest rank); null for none. */
export function percentile(values: readonly number[], share: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? null;
}
