import { joinBlocks, joinSoftBreaks, renderMarkdownText, type TextStyle, textList } from './markdown.ts';

const plainStyle: TextStyle = {
  text: (text) => text,
  strong: (inner) => inner,
  em: (inner) => inner,
  del: (inner) => inner,
  codespan: (code) => code,
  link: (label, url) => (label && label !== url ? `${label} (${url})` : url),
  image: (alt, url) => plainStyle.link(alt || 'image', url),
  lineBreak: () => '\n',
  join: (parts) => parts.join(''),
  paragraph: (inner) => inner,
  heading: (inner) => inner,
  code: (code) => code.replace(/^/gm, '    '),
  quote: (inner) => joinBlocks(inner, '\n\n').replace(/^/gm, '> '),
  list: (items, ordered, start) => textList(items, ordered, start, '-', (inner) => inner),
  table: (raw) => raw,
  html: (raw) => raw,
};

/** The same, with a paragraph's soft line breaks joined (text that a client wraps itself). */
const joinedStyle: TextStyle = {
  ...plainStyle,
  text: joinSoftBreaks,
  codespan: joinSoftBreaks,
};

/**
 * Markdown -> plain text, for indexing, terminals, notifications and text-only fallbacks.
 * `joinSoftBreaks`: a paragraph wrapped in the source becomes one line (hard breaks, lists and
 * code blocks stay as they are), for clients that wrap text themselves.
 * Example: toPlainText('see [docs](https://example.com)') -> 'see docs (https://example.com)'
 */
export function toPlainText(markdown: string, options: { joinSoftBreaks?: boolean } = {}): string {
  return renderMarkdownText(markdown, options.joinSoftBreaks ? joinedStyle : plainStyle, '\n\n');
}
