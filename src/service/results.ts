import type { Reply } from '../answer/reply.ts';

/** What `ask` answers: a reply, or "not now" when the asker is over their rate limit. */
export type AskResult =
  | { kind: 'reply'; reply: Reply }
  /**
   * `notify`: tell the person once, with `text`; afterwards stay silent until they may ask again,
   * which is `retryAfterSeconds` away at most.
   */
  | { kind: 'throttled'; notify: boolean; text: string; retryAfterSeconds: number };

/** A thumbs up or down on an answer. */
export interface FeedbackInput {
  entryId: string;
  helpful: boolean;
  /** What the person was looking for, if they said. */
  comment?: string;
  /**
   * True when the channel has already asked what they were looking for (a comment box, a form):
   * the reply is then a thank-you, never the question again.
   */
  asked?: boolean;
}

/**
 * What became of a vote: recorded, with what to say; or refused because the answer is no longer
 * in the knowledge (a removed entry, a forged click), with what to tell the person instead.
 */
export type FeedbackResult = { kind: 'recorded'; text: string } | { kind: 'unknown-entry'; text: string };

/** One hit of search-as-you-type. */
export interface SearchHit {
  id: string;
  title: string;
  /** The entry's answer, Markdown. */
  markdown: string;
}

/** The live knowledge version, for a page footer or a readiness line. */
export interface KnowledgeSummary {
  version: string;
  entries: number;
  topics: number;
}
