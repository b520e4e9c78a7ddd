import type { AnswerReply } from '../answer/reply.ts';
import type { ChannelName } from '../recording/events.ts';

// Answering unasked in the channels that opted in ("watched" places): the plain data a channel
// hands the service and gets back. A place is a channel's own id for a room people post in; a
// thread is the id of the post that starts it. Both are the platform's, opaque to the core.

/** A place people post in, on one channel: `{ channel: 'chat', place: 'C0123' }`. */
export interface PlaceRef {
  channel: ChannelName;
  place: string;
}

/** A thread in a place: the post that started it. */
export interface ThreadRef extends PlaceRef {
  thread: string;
}

/** Hours of the day when Berth stays silent in a place, in minutes after midnight in `timeZone`. */
export interface QuietHours {
  from: number;
  to: number;
  /** An IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
}

/** What a place chose: automatic answers on or off, and its quiet hours. */
export interface PlaceSettings {
  watched: boolean;
  quiet?: QuietHours;
}

/** A new top-level post by a person (not a reply, not a bot, not an edit), in a place Berth can read. */
export interface ChannelPost extends ThreadRef {
  /** The platform's id of who posted; never stored. */
  user: string;
  /** What they wrote, the channel's own markup removed. */
  text: string;
}

/** What the service needs of a channel to answer a post in its thread. */
export interface PostThread {
  /**
   * Whether a person has replied in the thread already, asked of the platform just before Berth
   * posts. Optional: a channel without such a call relies on the replies it was sent (see
   * BerthService.threadReply).
   */
  humanReplied?(): Promise<boolean>;
  /** Posts the automatic answer in the thread; resolves false when it could not be delivered. */
  post(reply: AnswerReply): Promise<boolean>;
}

/**
 * What became of a post, as stored: answered, or why not. `answering` is the moment between
 * deciding to answer and the answer being posted.
 */
export const POST_OUTCOMES = [
  'answered',
  'answering',
  'not-posted',
  'person-replied-first',
  'not-sure',
  'not-a-question',
  'quiet-hours',
  'throttled',
] as const;

export type PostOutcomeName = (typeof POST_OUTCOMES)[number];

/** What `autoAnswer` did with a post. */
export type PostOutcome =
  | { kind: 'answered'; entryId: string; confidence: number }
  | { kind: 'silent'; reason: PostOutcomeName | 'not-watched' | 'seen-before' };

/** The buttons under an automatic answer. */
export type Verdict = 'solved' | 'human';

/** What to do after a click on one of them. */
export type VerdictResult =
  /** "Solved it": thank the person who clicked. */
  | { kind: 'thanks'; text: string }
  /** "Still need a human", the first time in this thread: say so in the thread, naming `escalation`. */
  | { kind: 'handoff'; escalation: string }
  /** "Still need a human" again: tell the person who clicked it was already asked. */
  | { kind: 'handed-off-already'; text: string };

/** The reply to a watch, unwatch or quiet-hours command, to show where it was given. */
export interface SettingResult {
  /** True when the setting changed. */
  changed: boolean;
  /** Markdown. */
  text: string;
}
