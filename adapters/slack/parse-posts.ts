import { z } from 'zod';
import { wellFormed } from '../../lib/well-formed.ts';
import type { BotIdentity, SlackInput } from './input.ts';
import { questionText } from './markup.ts';

const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/);

const channelMessageSchema = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: slackId,
  channel_type: z.string().optional(),
  user: slackId.optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  edited: z.unknown().optional(),
});

/** Subtypes a person's own post or reply can carry; every other one (edits, joins, bots...) is not a post. */
const PEOPLE_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

const ignored = (reason: string): SlackInput => ({ kind: 'ignored', reason });

/**
 * A `message` event from a public or private channel (`message.channels`, `message.groups`): a
 * new top-level post by a person, a person's reply in a thread, or ignored: Berth's own and other
 * bots' messages, edits, joins and other subtypes, and posts that mention Berth (those are
 * answered as mentions, from their `app_mention` event). Whether the channel is watched is the
 * service's to decide.
 * Example: parseChannelMessage({ type: 'message', channel_type: 'channel', channel: 'C1', user: 'U1',
 *   text: 'what is a cgroup?', ts: '1.2' }, self) -> { kind: 'post', channel: 'C1', ts: '1.2', … }
 */
export function parseChannelMessage(event: unknown, self: BotIdentity): SlackInput {
  const parsed = channelMessageSchema.safeParse(event);
  if (!parsed.success) return ignored('not a channel message Berth understands');
  const m = parsed.data;
  if (m.channel_type !== 'channel' && m.channel_type !== 'group') return ignored('not a channel message');
  if (m.bot_id !== undefined) return ignored(m.bot_id === self.botId ? 'own message' : 'message from a bot');
  if (m.subtype !== undefined && !PEOPLE_SUBTYPES.has(m.subtype))
    return ignored(`message subtype "${m.subtype}"`);
  if (m.user === undefined) return ignored('message without a user');
  if (m.user === self.userId) return ignored('own message');
  if (m.edited !== undefined) return ignored('edited message');
  if (m.thread_ts !== undefined && m.thread_ts !== m.ts)
    return { kind: 'thread_reply', channel: m.channel, threadTs: m.thread_ts };
  if (m.subtype === 'thread_broadcast') return ignored('thread broadcast without its thread');
  const text = m.text ?? '';
  if (self.userId && text.includes(`<@${self.userId}`))
    return ignored('mentions Berth: answered as a mention');
  return { kind: 'post', channel: m.channel, ts: m.ts, user: m.user, text: questionText(wellFormed(text)) };
}
