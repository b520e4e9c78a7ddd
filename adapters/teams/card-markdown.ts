import { decodeEntities } from '../../lib/entities.ts';
import { joinSoftBreaks, type MarkdownStyle, renderMarkdown } from '../../lib/markdown.ts';
import {
  type CardElement,
  type Container,
  paragraph,
  type RichTextBlock,
  run,
  type TextRun,
  webUrl,
} from './adaptive-card.ts';

type RunStyle = Omit<TextRun, 'type' | 'text'>;

/** Every run of `inner` with `style` added (Markdown nesting: bold inside a link is a bold link). */
const styled = (inner: TextRun[], style: RunStyle): TextRun[] =>
  merge(inner.map((r) => ({ ...r, ...style })));

const cardStyle: MarkdownStyle<CardElement[], TextRun[]> = {
  text: (text) => [run(softBreaks(text))],
  strong: (inner) => styled(inner, { weight: 'Bolder' }),
  em: (inner) => styled(inner, { italic: true }),
  del: (inner) => styled(inner, { strikethrough: true }),
  codespan: (code) => [run(softBreaks(code), { fontType: 'Monospace' })],
  link: (label, url) => {
    const href = webUrl(url);
    return href
      ? styled(label, { color: 'Accent', selectAction: { type: 'Action.OpenUrl', url: href } })
      : label;
  },
  image: (alt, url) => cardStyle.link([run(alt || webUrl(url) || 'image')], url),
  lineBreak: () => [run('\n')],
  join: (parts) => merge(parts.flat()),
  paragraph: (inner) => [paragraph(inner)],
  heading: (inner) => [paragraph(styled(inner, { weight: 'Bolder', size: 'Medium' }))],
  code: (code) => [codeBlock(code)],
  quote: (inner) => [{ type: 'Container', style: 'emphasis', items: inner.flat() }],
  list: (items, ordered, start, depth) => {
    const indent = '\u00A0'.repeat(depth * 4);
    return items.flatMap((parts, i) => {
      const marker = run(`${indent}${ordered ? `${start + i}.` : '•'} `);
      const [first, ...rest] = parts;
      const lead: RichTextBlock = paragraph(
        [marker, ...(first && first.kind !== 'block' ? first.inline : [])],
        'Small',
      );
      const remaining = lead.inlines.length > 1 ? rest : parts;
      return [lead, ...remaining.flatMap((p) => (p.kind === 'block' ? p.block : [paragraph(p.inline)]))];
    });
  },
  table: (raw) => [codeBlock(raw)],
  html: (raw) => [paragraph([run(decodeEntities(raw))])],
};

/**
 * Knowledge Markdown -> Adaptive Card elements: paragraphs and list items become RichTextBlocks,
 * bold/italic/code become TextRun styles, links become clickable runs, code blocks a monospace
 * block on a shaded background. Nothing is left for a renderer to interpret as Markdown.
 * Example: cardMarkdown('Use **-slim**') -> [{ type: 'RichTextBlock', inlines: [run('Use '), run('-slim', bold)] }]
 */
export function cardMarkdown(markdown: string): CardElement[] {
  return renderMarkdown(markdown, cardStyle).flat();
}

/**
 * Code keeps its line breaks; indentation is made of no-break spaces because card renderers
 * collapse ordinary ones (HTML white-space rules), which would flatten YAML.
 */
function codeBlock(code: string): Container {
  const text = code.replace(/^ +| {2,}/gm, (spaces) => '\u00A0'.repeat(spaces.length));
  return {
    type: 'Container',
    style: 'emphasis',
    items: [paragraph([run(text, { fontType: 'Monospace' })])],
  };
}

/** A soft break in a paragraph is a space; a TextRun would show it as a new line (see joinSoftBreaks). */
const softBreaks = joinSoftBreaks;

/** Adjacent runs with the same style become one (smaller cards, cleaner JSON). */
function merge(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && styleKey(last) === styleKey(r)) out[out.length - 1] = { ...last, text: last.text + r.text };
    else out.push(r);
  }
  return out;
}

/** A run's style as text, whatever order its properties were set in. */
function styleKey({ text: _text, ...style }: TextRun): string {
  return JSON.stringify(Object.entries(style).sort(([a], [b]) => a.localeCompare(b)));
}
