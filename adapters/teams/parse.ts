import { z } from 'zod';
import { wellFormed } from '../../lib/well-formed.ts';
import type { AskContext, ConversationKind } from '../../src/recording/events.ts';
import { CardActionValue, SEARCH_COMMAND_ID, SEARCH_PARAMETER } from './card-actions.ts';

const Account = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});

/** The fields of a Bot Framework activity that Berth reads; the rest passes through untouched. */
export const IncomingActivity = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  channelId: z.string().optional(),
  serviceUrl: z.string().min(1),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  text: z.string().optional(),
  replyToId: z.string().optional(),
  localTimezone: z.string().optional(),
  channelData: z
    .looseObject({
      channel: z.looseObject({ id: z.string().min(1) }).optional(),
      teamsChannelId: z.string().optional(),
    })
    .optional(),
  name: z.string().optional(),
  action: z.string().optional(),
  value: z.unknown().optional(),
  entities: z.array(z.looseObject({ type: z.string() })).optional(),
  membersAdded: z.array(Account).optional(),
});
export type IncomingActivity = z.infer<typeof IncomingActivity>;

/** What a Teams activity asks of Berth. */
export type TeamsInput =
  | { kind: 'question'; text: string; context: AskContext }
  | { kind: 'choose'; entryId: string; question: string; context: AskContext }
  | { kind: 'feedback'; entryId: string; helpful: boolean; comment?: string; context: AskContext }
  | { kind: 'welcome'; context: AskContext }
  | { kind: 'help'; context: AskContext }
  | { kind: 'search'; query: string; context: AskContext }
  | { kind: 'select'; entryId: string; query: string; context: AskContext }
  /** `@Berth watch` / `@Berth unwatch` in the team channel `place`. */
  | { kind: 'watch'; on: boolean; place: string; context: AskContext }
  /** `@Berth quiet 18:00-08:00 [zone]` or `@Berth quiet off`; hours without a zone are in the sender's `timeZone`. */
  | { kind: 'quiet'; spec: string; place: string; timeZone?: string; context: AskContext }
  /** "Solved it" or "Still need a human" under an automatic answer in `thread` of `place`, by `name`. */
  | {
      kind: 'auto_verdict';
      verdict: 'solved' | 'human';
      place: string;
      thread: string;
      name: string;
      context: AskContext;
    }
  | { kind: 'ignored'; reason: string };

const QueryInvoke = z.looseObject({
  commandId: z.string(),
  parameters: z.array(z.looseObject({ name: z.string(), value: z.unknown() })).default([]),
});

/**
 * A validated activity -> what to do. Pure: the bot's own messages, edits, reactions, messages in
 * a channel that do not @mention Berth and unknown types come back as `ignored`.
 * Example: parseTeamsActivity(channelMention).kind -> 'question', with the mention removed.
 */
export function parseTeamsActivity(activity: IncomingActivity): TeamsInput {
  const context = contextOf(activity);
  switch (activity.type) {
    case 'message':
      return parseMessage(activity, context);
    case 'conversationUpdate': {
      const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient.id) ?? false;
      return botAdded && context.conversation === 'dm'
        ? { kind: 'welcome', context }
        : ignored('members changed');
    }
    case 'installationUpdate':
      return activity.action === 'add' && context.conversation === 'dm'
        ? { kind: 'welcome', context }
        : ignored(`installation ${activity.action ?? 'update'}`);
    case 'invoke':
      return parseInvoke(activity, { ...context, conversation: 'search' });
    default:
      return ignored(`activity type ${activity.type}`);
  }
}

function parseMessage(activity: IncomingActivity, context: AskContext): TeamsInput {
  if (activity.from.id === activity.recipient.id) return ignored('own message');
  if (activity.value !== undefined) return parseCardAction(activity, context);
  const shared = context.conversation !== 'dm';
  if (shared && !mentionsBot(activity)) return ignored('not addressed to Berth');
  const text = wellFormed(withoutMentions(activity));
  const place = channelOf(activity);
  if (context.conversation === 'channel' && place) {
    const watch = /^(un)?watch$/i.exec(text);
    if (watch) return { kind: 'watch', on: watch[1] === undefined, place, context };
    const quiet = /^quiet(?:\s+([\s\S]*))?$/i.exec(text);
    const timeZone = activity.localTimezone;
    if (quiet)
      return { kind: 'quiet', spec: quiet[1] ?? '', place, ...(timeZone ? { timeZone } : {}), context };
  }
  return { kind: 'question', text, context };
}

function parseCardAction(activity: IncomingActivity, context: AskContext): TeamsInput {
  const action = CardActionValue.safeParse(activity.value);
  if (!action.success) return ignored('unrecognised card action');
  const a = action.data;
  switch (a.berth) {
    case 'choose':
      return { kind: 'choose', entryId: a.entryId, question: wellFormed(a.question), context };
    case 'feedback': {
      const comment = a.comment === undefined ? undefined : wellFormed(a.comment).trim();
      return comment
        ? { kind: 'feedback', entryId: a.entryId, helpful: a.helpful, comment, context }
        : { kind: 'feedback', entryId: a.entryId, helpful: a.helpful, context };
    }
    case 'help':
      return { kind: 'help', context };
    case 'select':
      return ignored('select outside the message extension');
    case 'auto': {
      const place = channelOf(activity);
      const thread = threadOf(activity.conversation.id);
      if (!place || !thread) return ignored('automatic-answer button outside a channel thread');
      const name = activity.from.name ?? '';
      return { kind: 'auto_verdict', verdict: a.verdict, place, thread, name, context };
    }
  }
}

/** The team channel an activity was sent in (`19:…@thread.tacv2`), from its channel data. */
export function channelOf(activity: IncomingActivity): string | undefined {
  return activity.channelData?.channel?.id ?? activity.channelData?.teamsChannelId;
}

/** The thread of a channel conversation id: `19:…@thread.tacv2;messageid=1764238600000` -> `1764238600000`. */
export function threadOf(conversationId: string): string | undefined {
  return /;messageid=([^;]+)/.exec(conversationId)?.[1];
}

function parseInvoke(activity: IncomingActivity, context: AskContext): TeamsInput {
  if (activity.name === 'composeExtension/query') {
    const query = QueryInvoke.safeParse(activity.value);
    if (!query.success || query.data.commandId !== SEARCH_COMMAND_ID)
      return ignored('unknown search command');
    const param = query.data.parameters.find((p) => p.name === SEARCH_PARAMETER);
    return { kind: 'search', query: typeof param?.value === 'string' ? param.value : '', context };
  }
  if (activity.name === 'composeExtension/selectItem') {
    const picked = CardActionValue.safeParse(activity.value);
    if (picked.success && picked.data.berth === 'select')
      return { kind: 'select', entryId: picked.data.entryId, query: picked.data.query, context };
    return ignored('unrecognised search result');
  }
  return ignored(`invoke ${activity.name ?? '(unnamed)'}`);
}

export function contextOf(activity: IncomingActivity): AskContext {
  return {
    channel: 'teams',
    conversation: conversationKind(activity.conversation),
    user: activity.from.aadObjectId ?? activity.from.id,
  };
}

function conversationKind(c: IncomingActivity['conversation']): ConversationKind {
  switch (c.conversationType) {
    case 'personal':
      return 'dm';
    case 'channel':
      return 'channel';
    case 'groupChat':
      return 'group';
    default:
      return c.isGroup ? 'group' : 'dm';
  }
}

function botMentions(activity: IncomingActivity): string[] {
  return (activity.entities ?? []).flatMap((e) => {
    const mentioned = z.looseObject({ id: z.string() }).safeParse(e.mentioned);
    const ok = e.type === 'mention' && mentioned.success && mentioned.data.id === activity.recipient.id;
    return ok && typeof e.text === 'string' ? [e.text] : [];
  });
}

export function mentionsBot(activity: IncomingActivity): boolean {
  return botMentions(activity).length > 0;
}

/** A mention of anyone (`<at>Grace Hopper</at>`): not part of the question. */
const AT_MENTION = /<at[^>]*>[^<]*<\/at>/gi;

/**
 * `<at>Berth</at> what is a namespace?` -> `what is a namespace?`: Berth's own mention and anyone
 * else's are removed; HTML and entities are the core's to clean, as for every channel.
 */
export function withoutMentions(activity: IncomingActivity): string {
  let text = activity.text ?? '';
  for (const mention of botMentions(activity)) text = text.split(mention).join(' ');
  return text.replace(AT_MENTION, ' ').replace(/\s+/g, ' ').trim();
}

function ignored(reason: string): TeamsInput {
  return { kind: 'ignored', reason };
}
