import type { Outcome } from '../answer/reply.ts';
import type { Database } from '../recording/database.ts';

/** A recorded question, as the report reads it. `asker` only ever links events; it is never shown. */
export interface QuestionRecord {
  at: number;
  channel: string;
  asker: string | null;
  /** Null when question text was not stored (RECORDING_QUESTION_TEXT=off). */
  question: string | null;
  outcome: Outcome;
  entryId: string | null;
  latencyMs: number;
}

export interface FeedbackRecord {
  at: number;
  /** Links a person's votes, so each counts once a day (see votes.ts); never shown. */
  asker: string | null;
  entryId: string;
  helpful: boolean;
  comment: string | null;
}

export interface ChoiceRecord {
  at: number;
  asker: string | null;
  question: string | null;
  entryId: string;
}

/** A post seen in a watched channel: what became of it and the verdict on its answer. */
export interface PostRecord {
  at: number;
  /** `answered`, or why not (see POST_OUTCOMES). */
  outcome: string;
  entryId: string | null;
  verdict: 'solved' | 'human' | null;
}

/** Everything recorded in one period, oldest first. */
export interface Records {
  questions: QuestionRecord[];
  feedback: FeedbackRecord[];
  choices: ChoiceRecord[];
  /** Posts in watched channels (none for a database that never had automatic answers). */
  posts?: PostRecord[];
}

/** Reads the events recorded in [since, until). */
export function readRecords(db: Database, since: Date, until: Date): Records {
  const range = { since: since.getTime(), until: until.getTime() };
  const where = 'WHERE at >= @since AND at < @until ORDER BY at, id';
  const questions = db
    .prepare(
      `SELECT at, channel, asker, question, outcome, entry_id AS entryId, latency_ms AS latencyMs
       FROM questions ${where}`,
    )
    .all(range) as QuestionRecord[];
  const feedback = (
    db
      .prepare(`SELECT at, asker, entry_id AS entryId, helpful, comment FROM feedback ${where}`)
      .all(range) as Array<Omit<FeedbackRecord, 'helpful'> & { helpful: number }>
  ).map((row) => ({ ...row, helpful: row.helpful === 1 }));
  const choices = db
    .prepare(`SELECT at, asker, question, entry_id AS entryId FROM choices ${where}`)
    .all(range) as ChoiceRecord[];
  const hasPosts = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'channel_posts'")
    .get();
  const posts = hasPosts
    ? (db
        .prepare(`SELECT at, outcome, entry_id AS entryId, verdict FROM channel_posts ${where}`)
        .all(range) as PostRecord[])
    : [];
  return { questions, feedback, choices, posts };
}
