import { wellFormed } from '../../lib/well-formed.ts';

/** What the page can send, parsed from a JSON body. */
export type WebRequest =
  | { kind: 'ask'; text: string }
  /** A "did you mean" or near-miss button: `question` is what the person had asked. */
  | { kind: 'choose'; id: string; question: string }
  /** A related-question or example button: no question of its own. */
  | { kind: 'follow'; id: string }
  | { kind: 'feedback'; entryId: string; helpful: boolean; comment?: string }
  /** Berth's own reply posted back to it (a page or script echoing what it received). */
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string };

export const MAX_COMMENT_CHARS = 2000;
const ENTRY_ID = /^[a-z0-9][a-z0-9_-]{0,119}$/i;

type Fields = Record<string, unknown>;

/**
 * `POST /api/ask` body: `{ "text": "what is a cgroup" }`. A question longer than `questionLimit`
 * (the core's: it would cut it there) is a paste of a log or a file, and refused.
 */
export function parseAsk(body: unknown, questionLimit: number): WebRequest {
  return withObject(body, (fields) => {
    if (fields.kind === 'reply' || fields.kind === 'welcome')
      return { kind: 'ignored', reason: "Berth's own reply" };
    const text = textField(fields, 'text', questionLimit);
    if (typeof text !== 'string') return text;
    return { kind: 'ask', text };
  });
}

/**
 * `POST /api/choose` body: `{ "id": "what-is-a-cgroup", "question": "cgroup?" }`. Without a
 * question (or with an empty one) it is a related question or an example the person followed.
 */
export function parseChoose(body: unknown, questionLimit: number): WebRequest {
  return withObject(body, (fields) => {
    const id = entryIdField(fields, 'id');
    if (typeof id !== 'string') return id;
    const question = fields.question === undefined ? '' : textField(fields, 'question', questionLimit);
    if (typeof question !== 'string') return question;
    return question ? { kind: 'choose', id, question } : { kind: 'follow', id };
  });
}

/** `POST /api/feedback` body: `{ "entryId": "...", "helpful": false, "comment": "..." }` (comment optional). */
export function parseFeedback(body: unknown): WebRequest {
  return withObject(body, (fields) => {
    const entryId = entryIdField(fields, 'entryId');
    if (typeof entryId !== 'string') return entryId;
    if (typeof fields.helpful !== 'boolean') return invalid('"helpful" must be true or false');
    if (fields.comment === undefined || fields.comment === null)
      return { kind: 'feedback', entryId, helpful: fields.helpful };
    const comment = textField(fields, 'comment', MAX_COMMENT_CHARS);
    if (typeof comment !== 'string') return comment;
    return { kind: 'feedback', entryId, helpful: fields.helpful, comment };
  });
}

function withObject(body: unknown, parse: (fields: Fields) => WebRequest): WebRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return invalid('the body must be a JSON object');
  return parse(body as Fields);
}

function textField(fields: Fields, name: string, max: number): string | WebRequest {
  const value = fields[name];
  if (typeof value !== 'string') return invalid(`"${name}" must be text`);
  if (value.length > max) return invalid(`"${name}" must be at most ${max} characters`);
  return wellFormed(value);
}

function entryIdField(fields: Fields, name: string): string | WebRequest {
  const value = fields[name];
  if (typeof value !== 'string' || !ENTRY_ID.test(value)) return invalid(`"${name}" must be an entry id`);
  return value;
}

function invalid(reason: string): WebRequest {
  return { kind: 'invalid', reason };
}
