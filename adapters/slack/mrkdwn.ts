import {
  joinBlocks,
  joinSoftBreaks,
  renderMarkdownText,
  type TextStyle,
  textList,
} from '../../lib/markdown.ts';

/** Slack needs only these three escaped in text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Knowledge files wrap paragraphs at about 100 characters. Those soft breaks are joined: Slack
// would keep each as a line break and then wrap again, breaking every answer mid-sentence. Hard
// breaks (`lineBreak`), lists and code blocks keep their lines.
const mrkdwnStyle: TextStyle = {
  text: (text) => escapeSlack(joinSoftBreaks(text)),
  strong: (inner) => `*${inner}*`,
  em: (inner) => `_${inner}_`,
  del: (inner) => `~${inner}~`,
  codespan: (code) => `\`${escapeSlack(joinSoftBreaks(code))}\``,
  link: (label, url) => {
    if (!/^https?:\/\//i.test(url)) return label;
    const href = url.replace(/[<>|\s]/g, encodeURIComponent);
    return label && label !== escapeSlack(url) ? `<${href}|${label.replace(/\|/g, '/')}>` : `<${href}>`;
  },
  image: (alt, url) => mrkdwnStyle.link(escapeSlack(alt || 'image'), url),
  lineBreak: () => '\n',
  join: (parts) => parts.join(''),
  paragraph: (inner) => inner,
  heading: (inner) => `*${inner}*`,
  code: (code) => `\`\`\`\n${escapeSlack(code)}\n\`\`\``,
  quote: (inner) => joinBlocks(inner, '\n\n').replace(/^/gm, '> '),
  list: (items, ordered, start) => textList(items, ordered, start, '•', (inner) => inner),
  table: (raw) => escapeSlack(raw),
  html: (raw) => escapeSlack(raw),
};

/** Markdown -> Slack mrkdwn. Example: toMrkdwn('**Yes**, see [docs](https://x.io)') -> '*Yes*, see <https://x.io|docs>' */
export function toMrkdwn(markdown: string): string {
  return renderMarkdownText(markdown, mrkdwnStyle, '\n\n');
}
