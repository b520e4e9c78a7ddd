import { escapeHtml } from '../../lib/escape-html.ts';
import { type MarkdownStyle, renderMarkdown } from '../../lib/markdown.ts';

/** Only web links may become anchors; anything else (javascript:, data:) stays text. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const htmlStyle: MarkdownStyle<string, string> = {
  text: escapeHtml,
  strong: (inner) => `<strong>${inner}</strong>`,
  em: (inner) => `<em>${inner}</em>`,
  del: (inner) => `<del>${inner}</del>`,
  codespan: (code) => `<code>${escapeHtml(code)}</code>`,
  link: (label, url) => {
    const href = safeHref(url);
    return href
      ? `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>`
      : label;
  },
  image: (alt, url) => htmlStyle.link(escapeHtml(alt || 'image'), url),
  lineBreak: () => '\n',
  join: (parts) => parts.join(''),
  paragraph: (inner) => `<p>${inner}</p>`,
  heading: (inner) => `<p><strong>${inner}</strong></p>`,
  // In the tab order: a line too long for the screen scrolls, and keyboard users must reach it.
  code: (code, lang) => {
    const cls = /^[a-z0-9-]+$/i.test(lang) ? ` class="language-${lang}"` : '';
    return `<pre tabindex="0"><code${cls}>${escapeHtml(code)}</code></pre>`;
  },
  quote: (inner) => `<blockquote>${inner.filter(Boolean).join('\n')}</blockquote>`,
  list: (items, ordered) => {
    const tag = ordered ? 'ol' : 'ul';
    const item = (parts: (typeof items)[number]) =>
      parts
        .map((p) =>
          p.kind === 'block' ? p.block : p.kind === 'paragraph' ? htmlStyle.paragraph(p.inline) : p.inline,
        )
        .filter(Boolean)
        .join('\n');
    return `<${tag}>${items.map((parts) => `<li>${item(parts)}</li>`).join('')}</${tag}>`;
  },
  table: (raw) => htmlStyle.paragraph(escapeHtml(raw)),
  html: (raw) => htmlStyle.paragraph(escapeHtml(raw)),
};

/**
 * Markdown -> safe HTML. Raw HTML in the Markdown is shown as text, never interpreted, and only
 * http(s) links become anchors, so knowledge files cannot inject markup into a page.
 */
export function toSafeHtml(markdown: string): string {
  return renderMarkdown(markdown, htmlStyle).filter(Boolean).join('\n').trim();
}
