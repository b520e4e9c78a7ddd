import path from 'node:path';
import { entriesDue, parseAge } from '../knowledge/freshness.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { Analyzer } from '../text/analyzer.ts';
import { groupSimilar, type QuestionGroup } from './cluster.ts';
import { type Deflection, deflectionOf } from './deflection.ts';
import { type EntrySuggestions, pickedFrom, suggestPhrasings } from './phrasings.ts';
import { type DayRates, dailyRates, type OutcomeRates, outcomeRates, percentile } from './rates.ts';
import type { FeedbackRecord, Records } from './records.ts';
import { countedVotes, distinctPeople } from './votes.ts';

export interface EntryUse {
  id: string;
  title: string;
  /** Questions it answered outright. */
  answered: number;
  /** Times people picked it from "did you mean" or related questions. */
  picked: number;
}

export interface EntryFeedback {
  id: string;
  title: string;
  file: string | null;
  helpful: number;
  notHelpful: number;
  /** How many different people found it not helpful: at least the report's `minUsers`. */
  users: number;
  /** "What were you looking for?" texts, newest first. */
  comments: string[];
}

/** What `berth report` shows. Holds no user ids, not even hashed ones. */
export interface Report {
  since: string;
  until: string;
  /** People needed before a phrasing is suggested or an entry listed for poor feedback. */
  minUsers: number;
  totals: OutcomeRates & {
    feedback: { helpful: number; notHelpful: number };
    channels: Record<string, number>;
    latencyMs: { p50: number | null; p95: number | null };
  };
  days: DayRates[];
  topEntries: EntryUse[];
  /** Questions with no answer, or a "did you mean" the person picked nothing from. */
  unanswered: { groups: QuestionGroup[]; withoutText: number };
  /** Entries at least `minUsers` people found not helpful. */
  poorFeedback: EntryFeedback[];
  /** Phrasings at least `minUsers` people used. */
  suggestions: EntrySuggestions[];
  /** Automatic answers in watched channels. */
  deflection: Deflection;
  /** Knowledge due for review: entries not reviewed within REVIEW_MONTHS, oldest first (at most 10). */
  review: {
    due: number;
    of: number;
    months: number;
    oldest: { id: string; file: string; reviewed: string | null }[];
  };
}

/**
 * How many different people must use a wording before it is suggested, or find an entry not
 * helpful before it is listed: one person (or one script) cannot write the report.
 */
export const MIN_USERS = 3;

/** An entry not reviewed for this long is due (`berth check --stale 12m` lists them all). */
export const REVIEW_MONTHS = 12;

export interface ReportOptions {
  since: Date;
  until: Date;
  /** Knowledge files are shown relative to this. */
  cwd: string;
  limit?: number;
  /** Default MIN_USERS. */
  minUsers?: number;
}

/**
 * Turns the recorded events of one period into the report, using the knowledge for titles and
 * files. Votes count once per person, entry and day (see votes.ts).
 */
export function buildReport(records: Records, kb: KnowledgeBase, options: ReportOptions): Report {
  const limit = options.limit ?? 25;
  const minUsers = options.minUsers ?? MIN_USERS;
  const votes = countedVotes(records.feedback);
  const fileLabel = (file: string) => {
    const relative = path.relative(options.cwd, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
  };
  const picked = pickedFrom(records);
  const unanswered = records.questions.filter(
    (q) => q.outcome === 'fallback' || (q.outcome === 'clarify' && !picked(q)),
  );
  const texts = unanswered.map((q) => q.question).filter((t): t is string => t !== null);
  const helpful = votes.filter((f) => f.helpful).length;
  const latencies = records.questions.map((q) => q.latencyMs);
  return {
    since: options.since.toISOString(),
    until: options.until.toISOString(),
    minUsers,
    totals: {
      ...outcomeRates(records.questions),
      feedback: { helpful, notHelpful: votes.length - helpful },
      channels: countBy(records.questions.map((q) => q.channel)),
      latencyMs: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) },
    },
    days: dailyRates(records.questions, options.since, options.until),
    topEntries: entryUse(records, kb).slice(0, limit),
    unanswered: {
      groups: groupSimilar(texts, new Analyzer(kb.synonyms)).slice(0, limit),
      withoutText: unanswered.length - texts.length,
    },
    poorFeedback: entryFeedback(votes, kb, fileLabel, minUsers).slice(0, limit),
    suggestions: suggestPhrasings(records, kb, fileLabel, minUsers),
    deflection: deflectionOf(records.posts ?? [], options.since, options.until),
    review: reviewDue(kb, options.until, fileLabel),
  };
}

function entryUse(records: Records, kb: KnowledgeBase): EntryUse[] {
  const uses = new Map<string, EntryUse>();
  const use = (id: string) => {
    let found = uses.get(id);
    if (!found) {
      found = { id, title: kb.entries.get(id)?.title ?? id, answered: 0, picked: 0 };
      uses.set(id, found);
    }
    return found;
  };
  for (const q of records.questions) if (q.outcome === 'answer' && q.entryId) use(q.entryId).answered++;
  for (const c of records.choices) use(c.entryId).picked++;
  const total = (u: EntryUse) => u.answered + u.picked;
  return [...uses.values()].sort((a, b) => total(b) - total(a) || a.id.localeCompare(b.id));
}

/** Entries at least `minUsers` people found not helpful, worst first. */
function entryFeedback(
  votes: readonly FeedbackRecord[],
  kb: KnowledgeBase,
  fileLabel: (f: string) => string,
  minUsers: number,
): EntryFeedback[] {
  const byEntry = new Map<string, EntryFeedback & { unhappy: (string | null)[] }>();
  for (const f of votes) {
    let found = byEntry.get(f.entryId);
    if (!found) {
      const entry = kb.entries.get(f.entryId);
      found = {
        id: f.entryId,
        title: entry?.title ?? f.entryId,
        file: entry ? fileLabel(entry.source.file) : null,
        helpful: 0,
        notHelpful: 0,
        users: 0,
        comments: [],
        unhappy: [],
      };
      byEntry.set(f.entryId, found);
    }
    if (f.helpful) found.helpful++;
    else {
      found.notHelpful++;
      found.unhappy.push(f.asker);
    }
    if (f.comment) found.comments.unshift(f.comment);
  }
  return [...byEntry.values()]
    .map(({ unhappy, ...entry }) => ({ ...entry, users: distinctPeople(unhappy) }))
    .filter((e) => e.notHelpful > 0 && e.users >= minUsers)
    .sort(
      (a, b) =>
        b.notHelpful - b.helpful - (a.notHelpful - a.helpful) ||
        b.notHelpful - a.notHelpful ||
        a.id.localeCompare(b.id),
    );
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function reviewDue(kb: KnowledgeBase, until: Date, fileLabel: (file: string) => string): Report['review'] {
  const due = entriesDue(kb, parseAge(`${REVIEW_MONTHS}m`), until);
  return {
    due: due.length,
    of: kb.entries.size,
    months: REVIEW_MONTHS,
    oldest: due.slice(0, 10).map(({ entry }) => ({
      id: entry.id,
      file: fileLabel(entry.source.file),
      reviewed: entry.reviewed ?? null,
    })),
  };
}
