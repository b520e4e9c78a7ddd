import { wellFormed } from '../../lib/well-formed.ts';
import {
  channelOf,
  contextOf,
  type IncomingActivity,
  mentionsBot,
  threadOf,
  withoutMentions,
} from './parse.ts';

/**
 * A message in a team channel that was not addressed to Berth, as resource-specific consent
 * (ChannelMessage.Read.Group) delivers it: a new top-level post by a person, a person's reply in
 * a thread, or not a post at all (a direct or group chat, Berth's own or another bot's message,
 * a card click, an @mention of Berth, which is a question). Edits arrive as `messageUpdate`
 * activities and are never posts. Whether the channel is watched is the service's to decide.
 */
export type TeamsChannelMessage =
  | { kind: 'post'; place: string; thread: string; user: string; text: string }
  | { kind: 'thread_reply'; place: string; thread: string }
  | { kind: 'not-a-post'; reason: string };

/** Bots' ids in Teams start with `28:`; people's with `29:`. */
const BOT_ID = /^28:/;

/**
 * A validated activity -> a channel post, a thread reply or neither. Pure. A top-level post in a
 * channel arrives in a conversation ending `;messageid=<its own id>`; a reply, with the id of the
 * post that started its thread.
 * Example: parseChannelPost(topLevelPost) -> { kind: 'post', place: '19:…@thread.tacv2', thread: '1764…', … }
 */
export function parseChannelPost(activity: IncomingActivity): TeamsChannelMessage {
  const notAPost = (reason: string): TeamsChannelMessage => ({ kind: 'not-a-post', reason });
  if (activity.type !== 'message') return notAPost(`activity type ${activity.type}`);
  if (activity.conversation.conversationType !== 'channel') return notAPost('not in a team channel');
  if (activity.from.id === activity.recipient.id) return notAPost('own message');
  if (BOT_ID.test(activity.from.id)) return notAPost('message from a bot');
  if (activity.value !== undefined) return notAPost('card action');
  if (mentionsBot(activity)) return notAPost('mentions Berth: a question');
  const place = channelOf(activity);
  if (!place) return notAPost('channel message without its channel');
  const root = threadOf(activity.conversation.id);
  const replyTo = activity.replyToId;
  if ((root && root !== activity.id) || (replyTo && replyTo !== activity.id))
    return { kind: 'thread_reply', place, thread: root ?? replyTo ?? '' };
  const thread = root ?? activity.id;
  if (!thread) return notAPost('channel message without an id');
  const { user } = contextOf(activity);
  return { kind: 'post', place, thread, user, text: wellFormed(withoutMentions(activity)) };
}
