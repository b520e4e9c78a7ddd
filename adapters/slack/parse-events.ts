import { z } from 'zod';
import { wellFormed } from '../../lib/well-formed.ts';
import { type Asker, type BotIdentity, conversationOf, type SlackInput } from './input.ts';

/** Slack ids: users `U…`/`W…`, channels `C…`/`D…`/`G…`, bots `B…`. */
const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/);

const messageEventSchema = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: slackId,
  channel_type: z.string().optional(),
  user: slackId.optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
});

const mentionEventSchema = z.object({
  type: z.literal('app_mention'),
  channel: slackId,
  user: slackId.optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  edited: z.unknown().optional(),
});

const homeOpenedSchema = z.object({ type: z.literal('app_home_opened'), user: slackId, tab: z.string() });

const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: slackId,
  channel_id: slackId,
  channel_name: z.string().optional(),
  response_url: z.url(),
});

const ignored = (reason: string): SlackInput => ({ kind: 'ignored', reason });

/**
 * A `message` event in a direct message (channel messages: parseChannelMessage). Berth's own
 * messages, other bots, edits, joins and every other subtype are ignored.
 * Example: parseMessageEvent({ type: 'message', channel_type: 'im', channel: 'D1', user: 'U1',
 *   text: 'what is a cgroup', ts: '1.2' }, self) -> { kind: 'question', text: 'what is a cgroup', … }
 */
export function parseMessageEvent(event: unknown, self: BotIdentity): SlackInput {
  const parsed = messageEventSchema.safeParse(event);
  if (!parsed.success) return ignored('not a message event Berth understands');
  const m = parsed.data;
  if (m.subtype !== undefined) return ignored(`message subtype "${m.subtype}"`);
  const fromSelf = authoredBySelf(m, self);
  if (fromSelf) return ignored(fromSelf);
  if (m.user === undefined) return ignored('message without a user');
  if (m.channel_type !== 'im') return ignored('not a direct message');
  const place = { kind: 'conversation', channel: m.channel, threadTs: m.thread_ts } as const;
  return asked(stripOwnMention(m.text ?? '', self), { user: m.user, place, conversation: 'dm' });
}

/** An @mention in a channel: answered in the thread of the message (or of its thread). */
export function parseMentionEvent(event: unknown, self: BotIdentity): SlackInput {
  const parsed = mentionEventSchema.safeParse(event);
  if (!parsed.success) return ignored('not an app_mention event Berth understands');
  const m = parsed.data;
  const fromSelf = authoredBySelf(m, self);
  if (fromSelf) return ignored(fromSelf);
  if (m.user === undefined) return ignored('mention without a user');
  if (m.edited !== undefined) return ignored('edited message');
  const place = { kind: 'conversation', channel: m.channel, threadTs: m.thread_ts ?? m.ts } as const;
  const conversation = conversationOf(m.channel, m.thread_ts);
  return asked(stripOwnMention(m.text ?? '', self), { user: m.user, place, conversation });
}

/** Opening the Home tab publishes it; opening the Messages tab needs nothing. */
export function parseHomeOpened(event: unknown): SlackInput {
  const parsed = homeOpenedSchema.safeParse(event);
  if (!parsed.success) return ignored('not an app_home_opened event Berth understands');
  return parsed.data.tab === 'home'
    ? { kind: 'home', user: parsed.data.user }
    : ignored('messages tab opened');
}

/**
 * `/berth question` answers privately through the command's response_url; `/berth` alone is help.
 * `/berth watch`, `/berth unwatch` and `/berth quiet 18:00-08:00` change automatic answers in
 * the channel they are typed in (`channel` is unset in a direct or group message).
 */
export function parseSlashCommand(body: unknown): SlackInput {
  const parsed = slashCommandSchema.safeParse(body);
  if (!parsed.success) return ignored('not a slash command Berth understands');
  const c = parsed.data;
  const place = { kind: 'response_url', url: c.response_url, channel: c.channel_id } as const;
  const asker: Asker = { user: c.user_id, place, conversation: 'slash' };
  const inChannel = /^[CG]/.test(c.channel_id) && !/^(?:directmessage|mpdm-)/.test(c.channel_name ?? '');
  const channel = inChannel ? c.channel_id : undefined;
  const words = c.text.trim();
  const watch = /^(un)?watch$/i.exec(words);
  if (watch) return { kind: 'watch', on: watch[1] === undefined, channel, ...asker };
  const quiet = /^quiet(?:\s+([\s\S]*))?$/i.exec(words);
  if (quiet) return { kind: 'quiet', spec: quiet[1] ?? '', channel, ...asker };
  return asked(c.text, asker);
}

/** Removes Berth's own mention (`<@U123>` or `<@U123|berth>`); without an id, a leading one. */
export function stripOwnMention(text: string, self: BotIdentity): string {
  const mention =
    self.userId && /^[A-Z0-9]+$/.test(self.userId)
      ? new RegExp(`<@${self.userId}(?:\\|[^>]*)?>`, 'g')
      : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

/** An empty question, "help" or "?" asks for help. */
export function isHelpRequest(text: string): boolean {
  return /^(?:help[.!?]*|\?)?$/i.test(text.trim());
}

function asked(raw: string, asker: Asker): SlackInput {
  const text = wellFormed(raw);
  return isHelpRequest(text) ? { kind: 'help', ...asker } : { kind: 'question', text, ...asker };
}

function authoredBySelf(m: { user?: string; bot_id?: string }, self: BotIdentity): string | undefined {
  if (m.bot_id !== undefined) return m.bot_id === self.botId ? 'own message' : 'message from another bot';
  if (self.userId !== undefined && m.user === self.userId) return 'own message';
  return undefined;
}
