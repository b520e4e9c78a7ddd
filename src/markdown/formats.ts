import { type MarkdownStyle, renderMarkdown } from './walk.ts';

const bulletList = (items: string[], ordered: boolean, start: number, bullet: string) =>
  items.map((item, i) => `${ordered ? `${start + i}.` : bullet} ${item.replace(/\n/g, '\n   ')}`).join('\n');

/** Slack needs only these three escaped in text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const mrkdwnStyle: MarkdownStyle = {
  text: escapeSlack,
  strong: (inner) => `*${inner}*`,
  em: (inner) => `_${inner}_`,
  del: (inner) => `~${inner}~`,
  codespan: (code) => `\`${escapeSlack(code)}\``,
  link: (label, url) => {
    if (!/^https?:\/\//i.test(url)) return label;
    const href = url.replace(/[<>|\s]/g, encodeURIComponent);
    return label && label !== escapeSlack(url) ? `<${href}|${label.replace(/\|/g, '/')}>` : `<${href}>`;
  },
  paragraph: (inner) => inner,
  heading: (inner) => `*${inner}*`,
  code: (code) => `\`\`\`\n${escapeSlack(code)}\n\`\`\``,
  quote: (inner) => inner.replace(/^/gm, '> '),
  list: (items, ordered, start) => bulletList(items, ordered, start, '•'),
  blockSeparator: '\n\n',
};

const plainStyle: MarkdownStyle = {
  text: (raw) => raw,
  strong: (inner) => inner,
  em: (inner) => inner,
  del: (inner) => inner,
  codespan: (code) => code,
  link: (label, url) => (label && label !== url ? `${label} (${url})` : url),
  paragraph: (inner) => inner,
  heading: (inner) => inner,
  code: (code) => code.replace(/^/gm, '    '),
  quote: (inner) => inner.replace(/^/gm, '> '),
  list: (items, ordered, start) => bulletList(items, ordered, start, '-'),
  blockSeparator: '\n\n',
};

/** Markdown -> Slack mrkdwn. Example: toMrkdwn('**Yes**, see [docs](https://x.io)') -> '*Yes*, see <https://x.io|docs>' */
export function toMrkdwn(markdown: string): string {
  return renderMarkdown(markdown, mrkdwnStyle);
}

/** Markdown -> plain text, for logs, notifications and text-only fallbacks. */
export function toPlainText(markdown: string): string {
  return renderMarkdown(markdown, plainStyle);
}
