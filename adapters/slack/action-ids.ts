import { z } from 'zod';
import { truncate } from '../../lib/truncate.ts';
import type { ConversationKind } from '../../src/recording/events.ts';
import type { Place } from './input.ts';

/** The `action_id`s of Berth's buttons. Choice buttons are numbered: ids must differ within a block. */
export const ACTION = {
  choose: 'berth_choose',
  helpful: 'berth_feedback_helpful',
  notHelpful: 'berth_feedback_not_helpful',
  share: 'berth_share',
  topics: 'berth_topics',
  /** Under an automatic answer. */
  autoSolved: 'berth_auto_solved',
  autoHuman: 'berth_auto_human',
} as const;

/** The `callback_id` of the "what were you looking for?" modal. */
export const FEEDBACK_MODAL = 'berth_feedback_comment';

/** Slack's limit on a button's `value`. */
export const BUTTON_VALUE_LIMIT = 2000;

/** What a button carries back: the entry, and the question asked before it (for the record). */
export interface ButtonValue {
  entryId: string;
  question: string;
}

const buttonValueSchema = z.object({ e: z.string().min(1).max(200), q: z.string().max(BUTTON_VALUE_LIMIT) });

/** Encodes a button value within Slack's limit, shortening the question if it must. */
export function encodeButtonValue(value: ButtonValue): string {
  const encode = (question: string) => JSON.stringify({ e: value.entryId, q: question });
  let question = value.question;
  while (encode(question).length > BUTTON_VALUE_LIMIT && question.length > 0)
    question = truncate(question, Math.floor(question.length * 0.8));
  return encode(question);
}

/** The value of one of Berth's buttons, or undefined when it is not one (or was tampered with). */
export function decodeButtonValue(raw: unknown): ButtonValue | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = buttonValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { entryId: parsed.data.e, question: parsed.data.q } : undefined;
  } catch {
    return undefined;
  }
}

/** What the feedback modal remembers (`private_metadata`, at most 3,000 characters). */
export interface ModalState {
  entryId: string;
  /** Where to say thanks once the form is sent. */
  place: Place;
  conversation: ConversationKind;
}

const placeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('conversation'), channel: z.string(), threadTs: z.string().optional() }),
  z.object({ kind: z.literal('response_url'), url: z.url(), channel: z.string().optional() }),
]);

const modalStateSchema = z.object({
  entryId: z.string().min(1).max(200),
  place: placeSchema,
  conversation: z.enum(['dm', 'channel', 'thread', 'slash', 'group', 'search', 'web', 'terminal']),
});

export function encodeModalState(state: ModalState): string {
  return JSON.stringify(state);
}

export function decodeModalState(raw: unknown): ModalState | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = modalStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
