/** Questions longer than this are cut (at a word boundary) before matching. */
export const MAX_QUESTION_CHARS = 1000;

const SLACK_LINK = /<(https?:\/\/[^|>\s]+)(?:\|([^>]*))?>/g;
const SLACK_CHANNEL = /<#[A-Z0-9]+(?:\|([^>]*))?>/g;
const SLACK_SPECIAL = /<[@!][^>]*>/g;
const TEAMS_AT = /<at[^>]*>[^<]*<\/at>/gi;
const HTML_TAG = /<\/?[a-z][^>]*>/gi;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/**
 * Turns what a person typed (possibly with Slack or Teams markup left in) into plain text.
 * Example: cleanQuestion('<@U123> what is a *cgroup*?') -> 'what is a *cgroup*?'
 */
export function cleanQuestion(raw: string): string {
  const text = String(raw ?? '')
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(TEAMS_AT, ' ')
    .replace(SLACK_LINK, (_m, url: string, label?: string) => label || url)
    .replace(SLACK_CHANNEL, (_m, name?: string) => name ?? ' ')
    .replace(SLACK_SPECIAL, ' ')
    .replace(HTML_TAG, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/```[a-z]*\n?/gi, ' ')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return truncate(text, MAX_QUESTION_CHARS);
}

/** Cuts text to at most `max` characters, preferring a word boundary, without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = Array.from(text.slice(0, max + 1))
    .slice(0, -1)
    .join('');
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd();
}

/** A canonical form for comparing whole questions: lower case, letters and digits only. */
export function questionKey(text: string): string {
  return cleanQuestion(text)
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
