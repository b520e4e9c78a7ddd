import { Lexer, type Token } from 'marked';
import { isHttpUrl } from '../knowledge/schema.ts';
import type { Link } from '../knowledge/types.ts';

/**
 * The http(s) links of a Markdown answer, in order, once each: `[text](url)`, `<url>`, bare URLs
 * and reference links. Links inside code are not links.
 * Example: linksInMarkdown('See [the docs](https://docs.docker.com).')
 *   -> [{ title: 'the docs', url: 'https://docs.docker.com' }]
 */
export function linksInMarkdown(markdown: string): Link[] {
  const links: Link[] = [];
  collect(new Lexer({ gfm: true }).lex(markdown), links);
  return uniqueLinks(links);
}

/** Drops later links to a URL already listed. */
export function uniqueLinks(links: readonly Link[]): Link[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    if (seen.has(link.url)) return false;
    seen.add(link.url);
    return true;
  });
}

function collect(tokens: readonly Token[], links: Link[]): void {
  for (const token of tokens) {
    if (token.type === 'link' && typeof token.href === 'string' && isHttpUrl(token.href)) {
      const label = typeof token.text === 'string' ? plainLabel(token.text) : '';
      links.push({ title: label || token.href, url: token.href });
      continue;
    }
    if ('tokens' in token && Array.isArray(token.tokens)) collect(token.tokens, links);
    if (token.type === 'list') collect(token.items, links);
    if (token.type === 'table') {
      for (const cell of token.header) collect(cell.tokens, links);
      for (const row of token.rows) for (const cell of row) collect(cell.tokens, links);
    }
  }
}

/** `**the** docs` -> `the docs`: link titles are shown as plain text. */
function plainLabel(text: string): string {
  return text
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
