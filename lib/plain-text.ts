import { joinBlocks, renderMarkdownText, type TextStyle, textList } from './markdown.ts';

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

/**
 * Markdown -> plain text, for indexing, terminals, notifications and text-only fallbacks.
 * Example: toPlainText('see [docs](https://example.com)') -> 'see docs (https://example.com)'
 */
export function toPlainText(markdown: string): string {
  return renderMarkdownText(markdown, plainStyle, '\n\n');
}
