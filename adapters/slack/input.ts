import type { ConversationKind } from '../../src/recording/events.ts';

/**
 * Where a reply goes. `conversation`: a channel, DM or thread, posted with chat.postMessage.
 * `response_url`: the short-lived URL Slack gives with slash commands and button clicks; the only
 * way to answer privately (ephemeral) where Berth may not even be a member.
 */
export type Place =
  | { kind: 'conversation'; channel: string; threadTs?: string }
  | { kind: 'response_url'; url: string; channel?: string };

/** Who asked, where, and how the conversation is recorded. */
export interface Asker {
  user: string;
  place: Place;
  conversation: ConversationKind;
}

/**
 * Everything Berth does in Slack, parsed from a platform payload by the pure functions in
 * parse-events.ts and parse-interactions.ts. Matching never happens here: `text` goes to the core.
 */
export type SlackInput =
  /** A question; `text` is what the person wrote, with Berth's own mention stripped. */
  | ({ kind: 'question'; text: string } & Asker)
  /** `/berth`, `/berth help`, an empty mention or the "show my topics" button. */
  | ({ kind: 'help' } & Asker)
  /** A "did you mean", related-question or example button: answer entry `entryId`. */
  | ({ kind: 'choose'; entryId: string; question: string } & Asker)
  /** Thumbs up (recorded at once) or down (asks what they were looking for first). */
  | ({ kind: 'feedback'; entryId: string; helpful: boolean; triggerId: string } & Asker)
  /** The "what were you looking for?" form was sent or dismissed (`comment` empty). */
  | ({ kind: 'feedback_comment'; entryId: string; comment: string } & Asker)
  /** "Share in channel" on a private answer. */
  | ({ kind: 'share'; entryId: string; question: string } & Asker)
  /** Someone opened the app's Home tab. */
  | { kind: 'home'; user: string }
  /** A new top-level post by a person in a channel Berth is in: an automatic answer, if the channel is watched. */
  | { kind: 'post'; channel: string; ts: string; user: string; text: string }
  /** A person's reply in a thread: no automatic answer there any more. */
  | { kind: 'thread_reply'; channel: string; threadTs: string }
  /** `/berth watch` or `/berth unwatch` in a channel (`channel` undefined elsewhere). */
  | ({ kind: 'watch'; on: boolean; channel?: string } & Asker)
  /** `/berth quiet 18:00-08:00 [zone]` or `/berth quiet off`. */
  | ({ kind: 'quiet'; spec: string; channel?: string } & Asker)
  /** "Solved it" or "Still need a human" under an automatic answer, in the thread `place` names. */
  | ({ kind: 'auto_verdict'; verdict: 'solved' | 'human' } & Asker)
  | { kind: 'ignored'; reason: string };

/** The app's own identity, from auth.test: its messages must never be answered. */
export interface BotIdentity {
  userId?: string;
  botId?: string;
}

/** The kind of conversation a channel id and thread stand for (Slack ids start with D for DMs). */
export function conversationOf(channel: string, threadTs: string | undefined): ConversationKind {
  if (channel.startsWith('D')) return 'dm';
  return threadTs ? 'thread' : 'channel';
}
