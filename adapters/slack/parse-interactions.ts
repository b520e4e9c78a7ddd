import { z } from 'zod';
import { wellFormed } from '../../lib/well-formed.ts';
import { ACTION, decodeButtonValue, decodeModalState, FEEDBACK_MODAL } from './action-ids.ts';
import { type Asker, conversationOf, type SlackInput } from './input.ts';
import { COMMENT_INPUT } from './views.ts';

const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/);

const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId }),
  trigger_id: z.string().default(''),
  response_url: z.url().optional(),
  container: z
    .object({
      type: z.string(),
      channel_id: slackId.optional(),
      thread_ts: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  channel: z.object({ id: slackId }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

const viewPayloadSchema = z.object({
  type: z.enum(['view_submission', 'view_closed']),
  user: z.object({ id: slackId }),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().optional(),
    state: z
      .object({
        values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))),
      })
      .optional(),
  }),
});

type BlockActions = z.infer<typeof blockActionsSchema>;

const ignored = (reason: string): SlackInput => ({ kind: 'ignored', reason });

/**
 * A button click (`block_actions`). The reply goes where the button was: privately through the
 * response_url for an ephemeral message, else into the same conversation and thread.
 */
export function parseBlockActions(body: unknown): SlackInput {
  const parsed = blockActionsSchema.safeParse(body);
  if (!parsed.success) return ignored('not a block_actions payload Berth understands');
  const payload = parsed.data;
  const action = payload.actions[0];
  const asker = askerOf(payload);
  if (!action || !asker) return ignored('button outside a message Berth can answer in');
  if (action.action_id === ACTION.topics) return { kind: 'help', ...asker };
  if (action.action_id === ACTION.autoSolved || action.action_id === ACTION.autoHuman) {
    if (asker.place.kind !== 'conversation' || asker.place.threadTs === undefined)
      return ignored('automatic-answer button outside a thread');
    const verdict = action.action_id === ACTION.autoSolved ? 'solved' : 'human';
    return { kind: 'auto_verdict', verdict, ...asker };
  }
  const value = decodeButtonValue(action.value);
  if (!value) return ignored(`action "${action.action_id}" without a Berth value`);
  if (action.action_id.startsWith(`${ACTION.choose}_`))
    return { kind: 'choose', entryId: value.entryId, question: wellFormed(value.question), ...asker };
  if (action.action_id === ACTION.helpful || action.action_id === ACTION.notHelpful) {
    const helpful = action.action_id === ACTION.helpful;
    return { kind: 'feedback', entryId: value.entryId, helpful, triggerId: payload.trigger_id, ...asker };
  }
  if (action.action_id === ACTION.share && asker.place.kind === 'response_url')
    return { kind: 'share', entryId: value.entryId, question: wellFormed(value.question), ...asker };
  return ignored(`unknown action "${action.action_id}"`);
}

/** The feedback modal was sent (`view_submission`) or dismissed (`view_closed`, no comment). */
export function parseFeedbackView(body: unknown): SlackInput {
  const parsed = viewPayloadSchema.safeParse(body);
  if (!parsed.success) return ignored('not a view payload Berth understands');
  const { type, user, view } = parsed.data;
  if (view.callback_id !== FEEDBACK_MODAL) return ignored(`unknown view "${view.callback_id}"`);
  const state = decodeModalState(view.private_metadata);
  if (!state) return ignored('feedback view without its state');
  const value = view.state?.values[COMMENT_INPUT.block]?.[COMMENT_INPUT.action]?.value;
  const comment = type === 'view_submission' ? wellFormed(value ?? '').trim() : '';
  return {
    kind: 'feedback_comment',
    entryId: state.entryId,
    comment,
    user: user.id,
    place: state.place,
    conversation: state.conversation,
  };
}

function askerOf(payload: BlockActions): Asker | undefined {
  const { container, user } = payload;
  if (container?.is_ephemeral) {
    if (!payload.response_url) return undefined;
    const place = { kind: 'response_url', url: payload.response_url, channel: container.channel_id } as const;
    return { user: user.id, place, conversation: 'slash' };
  }
  const channel = container?.channel_id ?? payload.channel?.id;
  if (container?.type !== 'message' || channel === undefined) return undefined;
  const threadTs = payload.message?.thread_ts ?? container.thread_ts;
  return {
    user: user.id,
    place: { kind: 'conversation', channel, threadTs },
    conversation: conversationOf(channel, threadTs),
  };
}
