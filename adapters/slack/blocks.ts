import type { types } from '@slack/bolt';
import { escapeSlack } from './mrkdwn.ts';

export type Block = types.KnownBlock;

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  contextText: 3000,
  contextElements: 10,
  buttonText: 75,
  actionsElements: 25,
  headerText: 150,
  modalTitle: 24,
  /** Slack truncates longer `text`; notifications show far less anyway. */
  fallbackText: 3000,
} as const;

const FENCE = '```';

/** Cuts text to `max` characters (never inside a surrogate pair), ending with "…" when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  let out = '';
  for (const ch of chars) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

export function plainText(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

/** One or more sections holding `mrkdwn`, split at paragraphs so each stays within the limit. */
export function sections(mrkdwn: string): types.SectionBlock[] {
  return splitMrkdwn(mrkdwn, LIMITS.sectionText).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
  }));
}

/** A context line; `items` are joined with " · " and those that do not fit are left out. */
export function context(lead: string, items: readonly string[] = []): types.ContextBlock {
  let text = lead;
  for (const item of items) {
    const next = text === lead ? `${lead} ${item}` : `${text} · ${item}`;
    if (next.length > LIMITS.contextText) break;
    text = next;
  }
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, LIMITS.contextText) }] };
}

export function button(
  label: string,
  actionId: string,
  value?: string,
  style?: 'primary' | 'danger',
): types.Button {
  return {
    type: 'button',
    text: plainText(label, LIMITS.buttonText),
    action_id: actionId,
    ...(value === undefined ? {} : { value }),
    ...(style ? { style } : {}),
  };
}

export function actions(buttons: readonly types.Button[]): types.ActionsBlock {
  return { type: 'actions', elements: buttons.slice(0, LIMITS.actionsElements) };
}

/** A Slack link `<url|title>`; the title is escaped and the URL cannot break out of the brackets. */
export function slackLink(title: string, url: string): string {
  const href = url.replace(/[<>|\s]/g, encodeURIComponent);
  return `<${href}|${escapeSlack(title).replace(/\|/g, '/')}>`;
}

/**
 * Splits mrkdwn into pieces of at most `limit` characters: at blank lines outside code blocks
 * first, then at line ends; a code block cut in two is closed and reopened.
 */
export function splitMrkdwn(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const chunks: string[] = [];
  let current = '';
  for (const paragraph of paragraphs(text)) {
    const joined = current ? `${current}\n\n${paragraph}` : paragraph;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    if (current) chunks.push(current);
    const pieces = cutLong(paragraph, limit);
    current = pieces.pop() ?? '';
    chunks.push(...pieces);
  }
  if (current) chunks.push(current);
  return chunks;
}

function paragraphs(text: string): string[] {
  const out: string[] = [];
  let lines: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith(FENCE)) inFence = !inFence;
    if (!inFence && line.trim() === '') {
      if (lines.length) out.push(lines.join('\n'));
      lines = [];
    } else lines.push(line);
  }
  if (lines.length) out.push(lines.join('\n'));
  return out;
}

function cutLong(paragraph: string, limit: number): string[] {
  const room = limit - FENCE.length - 1;
  const pieces: string[] = [];
  let rest = paragraph;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', room);
    if (cut < room / 2) cut = room;
    let piece = rest.slice(0, cut);
    rest = rest.slice(cut).replace(/^\n/, '');
    if (fenceOpen(piece)) {
      piece += `\n${FENCE}`;
      rest = `${FENCE}\n${rest}`;
    }
    pieces.push(piece);
  }
  pieces.push(rest);
  return pieces;
}

function fenceOpen(text: string): boolean {
  return (text.match(/^```/gm)?.length ?? 0) % 2 === 1;
}
