import { z } from 'zod';

/**
 * What Berth's card buttons send back, in `activity.value`. The same shapes are written by the
 * renderer and read by the parser, so a button and its handler cannot drift apart. Everything
 * here arrives from the client and is validated like any other input.
 */

/** The message extension's search command (also in the app manifest). */
export const SEARCH_COMMAND_ID = 'searchKnowledge';
export const SEARCH_PARAMETER = 'query';
/** The comment box that "Not helpful" opens; Teams adds its text to the submitted data. */
export const COMMENT_INPUT_ID = 'comment';
export const MAX_COMMENT_CHARS = 2000;

const EntryId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/);
const Question = z.string().max(1000).catch('');

export const CardActionValue = z.discriminatedUnion('berth', [
  /** "Did you mean" or a related question: answer this entry. */
  z.object({ berth: z.literal('choose'), entryId: EntryId, question: Question.default('') }),
  z.object({
    berth: z.literal('feedback'),
    entryId: EntryId,
    helpful: z.boolean(),
    // Longer than the box allows only if the client ignores maxLength; the service cuts it anyway.
    [COMMENT_INPUT_ID]: z
      .string()
      .max(10 * MAX_COMMENT_CHARS)
      .optional(),
  }),
  /** "Show my topics" on a reply that found nothing close: the help card. */
  z.object({ berth: z.literal('help') }),
  /** A message-extension result was picked (its preview's tap). */
  z.object({ berth: z.literal('select'), entryId: EntryId, query: Question.default('') }),
  /** "Solved it" or "Still need a human" under an automatic answer. */
  z.object({ berth: z.literal('auto'), verdict: z.enum(['solved', 'human']), entryId: EntryId }),
]);

export type CardActionValue = z.infer<typeof CardActionValue>;

/**
 * The `data` of an Action.Submit: the value itself, and nothing else. Teams delivers it as a
 * message whose `value` is this object; so do the Microsoft 365 Agents Playground and the Bot
 * Framework Emulator. An `msteams` block (`messageBack`, `imBack`) would show the click as a
 * typed message in Teams, but the Agents Playground cannot send such a button at all ("Cannot
 * add property msTeams, object is not extensible"), so the reply shows what was picked instead.
 */
export function submitData(value: CardActionValue): Record<string, unknown> {
  return { ...value };
}
