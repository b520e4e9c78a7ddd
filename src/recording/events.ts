import type { Outcome } from '../answer/reply.ts';

/** Where a question came from: the channel's name, as the channel gives it. */
export type ChannelName = string;

/** The kind of conversation (a direct message, a thread...), as each channel names it. */
export type ConversationKind = string;

/** Who asked, where. `user` is the platform's raw id: recorders must hash it, never store it. */
export interface AskContext {
  channel: ChannelName;
  conversation: ConversationKind;
  user: string;
  /**
   * The network address the request came from, where a channel can know it (a browser page): rate
   * limited as well as `user`, so a new id per request buys nothing. Never recorded.
   */
  address?: string;
}

export interface QuestionEvent {
  type: 'question';
  at: Date;
  context: AskContext;
  question: string;
  outcome: Outcome;
  entryId: string | null;
  confidence: number;
  latencyMs: number;
}

export interface FeedbackEvent {
  type: 'feedback';
  at: Date;
  context: AskContext;
  entryId: string;
  helpful: boolean;
  /** Optional "what were you looking for?" text. */
  comment?: string;
}

/** A person picked an entry from "did you mean" (or a related question) after asking `question`. */
export interface ChoiceEvent {
  type: 'choice';
  at: Date;
  context: AskContext;
  question: string;
  entryId: string;
}

/** A person shared the answer to `question` (entry `entryId`) with everyone in their conversation. */
export interface ShareEvent {
  type: 'share';
  at: Date;
  context: AskContext;
  question: string;
  entryId: string;
}

export type RecordedEvent = QuestionEvent | FeedbackEvent | ChoiceEvent | ShareEvent;

/** Stores events off the reply path. `record` must never throw and never block a reply. */
export interface Recorder {
  record(event: RecordedEvent): void;
  /** Writes whatever is pending; called on shutdown. */
  flush(): Promise<void>;
}

export const NO_RECORDER: Recorder = {
  record() {},
  async flush() {},
};
