import type { Reply } from '../answer/reply.ts';

/**
 * "Not now": the person is over their rate limit. `notify`: tell them once, with `text`;
 * afterwards stay silent until they may try again, which is `retryAfterSeconds` away at most.
 */
export interface Throttled {
  kind: 'throttled';
  notify: boolean;
  text: string;
  retryAfterSeconds: number;
}

/** What `ask`, `choose` and `follow` answer: a reply, or "not now" when over the rate limit. */
export type AskResult = { kind: 'reply'; reply: Reply } | Throttled;

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
 * What became of a vote: recorded, with what to say; refused because the answer is no longer in
 * the knowledge (a removed entry, a forged click), with what to tell the person instead; or not
 * taken because the person is over their rate limit for votes.
 */
export type FeedbackResult =
  | { kind: 'recorded'; text: string }
  | { kind: 'unknown-entry'; text: string }
  | Throttled;

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
