import { decodeEntities } from '../../lib/entities.ts';
import { truncate } from '../../lib/truncate.ts';

/** Questions longer than this are cut (at a word boundary) before matching. */
export const MAX_QUESTION_CHARS = 1000;

const HTML_TAG = /<\/?[a-z][^>]*>/gi;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Turns what a person typed into the plain text Berth matches: Unicode normalised, HTML tags,
 * entities and code fences removed, white space collapsed, cut at MAX_QUESTION_CHARS. A channel
 * removes its own markup (mentions, link syntax) before it asks.
 * Example: cleanQuestion('what is a <b>cgroup</b>?\n') -> 'what is a cgroup ?'
 */
export function cleanQuestion(raw: string): string {
  const text = decodeEntities(
    String(raw ?? '')
      .normalize('NFKC')
      .replace(ZERO_WIDTH, '')
      .replace(HTML_TAG, ' '),
  )
    .replace(/```[a-z]*\n?/gi, ' ')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return truncate(text, MAX_QUESTION_CHARS);
}

/** A canonical form for comparing whole questions: lower case, letters and digits only. */
export function questionKey(text: string): string {
  return cleanQuestion(text)
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
