import { type MarkdownStyle, renderMarkdown } from './walk.ts';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only web links may become anchors; anything else (javascript:, data:) stays text. */
function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const htmlStyle: MarkdownStyle = {
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
  paragraph: (inner) => `<p>${inner}</p>`,
  heading: (inner) => `<p><strong>${inner}</strong></p>`,
  code: (code, lang) => {
    const cls = /^[a-z0-9-]+$/i.test(lang) ? ` class="language-${lang}"` : '';
    return `<pre><code${cls}>${escapeHtml(code)}</code></pre>`;
  },
  quote: (inner) => `<blockquote>${inner}</blockquote>`,
  list: (items, ordered) => {
    const tag = ordered ? 'ol' : 'ul';
    return `<${tag}>${items.map((i) => `<li>${i}</li>`).join('')}</${tag}>`;
  },
  blockSeparator: '\n',
};

/**
 * Markdown -> safe HTML. Raw HTML in the Markdown is shown as text, never interpreted, and only
 * http(s) links become anchors, so knowledge files cannot inject markup into a page.
 */
export function toSafeHtml(markdown: string): string {
  return renderMarkdown(markdown, htmlStyle);
}
