import { Lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from '../../src/markdown/walk.ts';
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

/**
 * Knowledge Markdown -> Adaptive Card elements: paragraphs and list items become RichTextBlocks,
 * bold/italic/code become TextRun styles, links become clickable runs, code blocks a monospace
 * block on a shaded background. Nothing is left for a renderer to interpret as Markdown.
 * Example: cardMarkdown('Use **-slim**') -> [{ type: 'RichTextBlock', inlines: [run('Use '), run('-slim', bold)] }]
 */
export function cardMarkdown(markdown: string): CardElement[] {
  return blocks(new Lexer({ gfm: true }).lex(markdown), 0);
}

function blocks(tokens: Token[], depth: number): CardElement[] {
  return tokens.flatMap((token) => block(token, depth));
}

function block(token: Token, depth: number): CardElement[] {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return [];
    case 'paragraph':
    case 'text':
      return [paragraph(inlines(tokenChildren(token), {}))];
    case 'heading':
      return [paragraph(inlines(tokenChildren(token), { weight: 'Bolder', size: 'Medium' }))];
    case 'code':
      return [codeBlock((token as Tokens.Code).text)];
    case 'blockquote':
      return [
        { type: 'Container', style: 'emphasis', items: blocks((token as Tokens.Blockquote).tokens, depth) },
      ];
    case 'list':
      return list(token as Tokens.List, depth);
    case 'table':
      return [codeBlock(token.raw.trim())];
    case 'html':
      return [paragraph([run(decodeEntities(token.raw.trim()))])];
    default:
      return [paragraph([run(token.raw)])];
  }
}

function list(token: Tokens.List, depth: number): CardElement[] {
  const start = typeof token.start === 'number' ? token.start : 1;
  const indent = '\u00A0'.repeat(depth * 4);
  return token.items.flatMap((item, i) => {
    const marker = run(`${indent}${token.ordered ? `${start + i}.` : '•'} `);
    const [first, ...rest] = item.tokens;
    const lead: RichTextBlock =
      first && (first.type === 'text' || first.type === 'paragraph')
        ? paragraph([marker, ...inlines(tokenChildren(first), {})], 'Small')
        : paragraph([marker], 'Small');
    const remaining = lead.inlines.length > 1 ? rest : item.tokens;
    return [lead, ...blocks(remaining, depth + 1)];
  });
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

function tokenChildren(token: Token): Token[] {
  return 'tokens' in token && Array.isArray(token.tokens) ? token.tokens : [token];
}

function inlines(tokens: Token[], style: RunStyle): TextRun[] {
  return merge(tokens.flatMap((token) => inline(token, style)));
}

function inline(token: Token, style: RunStyle): TextRun[] {
  switch (token.type) {
    case 'strong':
      return inlines((token as Tokens.Strong).tokens, { ...style, weight: 'Bolder' });
    case 'em':
      return inlines((token as Tokens.Em).tokens, { ...style, italic: true });
    case 'del':
      return inlines((token as Tokens.Del).tokens, { ...style, strikethrough: true });
    case 'codespan':
      return [
        run(softBreaks(decodeEntities((token as Tokens.Codespan).text)), { ...style, fontType: 'Monospace' }),
      ];
    case 'link':
    case 'image':
      return link(token as Tokens.Link | Tokens.Image, style);
    case 'br':
      return [run('\n', style)];
    case 'text':
      return 'tokens' in token && token.tokens
        ? inlines(token.tokens, style)
        : [run(softBreaks(decodeEntities((token as Tokens.Text).text)), style)];
    case 'escape':
    case 'html':
      return [run(softBreaks(decodeEntities(token.text ?? token.raw)), style)];
    default:
      return [run(token.raw, style)];
  }
}

function link(token: Tokens.Link | Tokens.Image, style: RunStyle): TextRun[] {
  const url = webUrl(token.href);
  const label =
    token.type === 'image' ? [run(token.text || url || 'image', style)] : inlines(token.tokens, style);
  if (!url) return label;
  return label.map((r) => ({ ...r, color: 'Accent', selectAction: { type: 'Action.OpenUrl', url } }));
}

/**
 * A line break inside a Markdown paragraph is a soft break (a space); a TextRun would show it as a
 * new line, so it becomes a space. Hard breaks (`br` tokens) stay new lines.
 */
function softBreaks(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, ' ');
}

/** Adjacent runs with the same style become one (smaller cards, cleaner JSON). */
function merge(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && sameStyle(last, r)) out[out.length - 1] = { ...last, text: last.text + r.text };
    else out.push(r);
  }
  return out;
}

function sameStyle(a: TextRun, b: TextRun): boolean {
  const { text: _a, ...styleA } = a;
  const { text: _b, ...styleB } = b;
  return JSON.stringify(styleA) === JSON.stringify(styleB);
}
