import { Lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from './entities.ts';

/** One part of a list item, in order: its text, a paragraph (loose lists), or a nested block. */
export type ListItemPart<Block, Inline> =
  | { kind: 'text' | 'paragraph'; inline: Inline }
  | { kind: 'block'; block: Block };

/**
 * How one output format spells each Markdown construct. `Block` and `Inline` are the format's own
 * types: text for Slack mrkdwn, HTML or plain text; card elements and text runs for Teams. Every
 * function gets already-rendered inner content; `text` and `codespan` get decoded text.
 */
export interface MarkdownStyle<Block, Inline> {
  text(text: string): Inline;
  strong(inner: Inline): Inline;
  em(inner: Inline): Inline;
  del(inner: Inline): Inline;
  codespan(code: string): Inline;
  link(label: Inline, url: string): Inline;
  image(alt: string, url: string): Inline;
  lineBreak(): Inline;
  /** Inline pieces side by side. */
  join(parts: Inline[]): Inline;
  paragraph(inner: Inline): Block;
  heading(inner: Inline): Block;
  code(code: string, lang: string): Block;
  quote(inner: Block[]): Block;
  /** `depth` is 0 for a top-level list, 1 for a list inside a list item... */
  list(items: ListItemPart<Block, Inline>[][], ordered: boolean, start: number, depth: number): Block;
  /** A table, as its Markdown source (chat clients cannot draw tables). */
  table(raw: string): Block;
  /** Raw HTML in the Markdown: shown as text, never interpreted. */
  html(raw: string): Block;
}

/**
 * Renders Markdown into another format by walking marked's tokens once with a style: the one
 * Markdown walker every output (plain text, Slack mrkdwn, HTML, Adaptive Card elements) shares.
 * Example: renderMarkdown('**Yes**', style) -> [style.paragraph(style.strong(style.text('Yes')))]
 */
export function renderMarkdown<Block, Inline>(
  markdown: string,
  style: MarkdownStyle<Block, Inline>,
): Block[] {
  return new Walker(style).blocks(new Lexer({ gfm: true }).lex(markdown), 0);
}

/**
 * A line break inside a Markdown paragraph is a soft break: a space when rendered, as browsers and
 * card renderers show it. (A hard break, two spaces or `\` at the end of a line, is a `br`
 * token and reaches a style as `lineBreak`, never as a newline in text.)
 * Example: joinSoftBreaks('wrapped at\nabout 100 characters') -> 'wrapped at about 100 characters'
 */
export function joinSoftBreaks(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, ' ');
}

/** A style whose output is text. */
export type TextStyle = MarkdownStyle<string, string>;

/** Markdown rendered with a text style, blocks joined by `separator`. */
export function renderMarkdownText(markdown: string, style: TextStyle, separator: string): string {
  return joinBlocks(renderMarkdown(markdown, style), separator).trim();
}

/** Text blocks joined by `separator`, empty ones left out. */
export function joinBlocks(blocks: readonly string[], separator: string): string {
  return blocks.filter(Boolean).join(separator);
}

/** A list as lines of text: `1.`/`2.` or `bullet` before each item, continuation lines indented. */
export function textList(
  items: ListItemPart<string, string>[][],
  ordered: boolean,
  start: number,
  bullet: string,
  paragraph: (inner: string) => string,
): string {
  return items
    .map((parts, i) => {
      const text = joinBlocks(
        parts.map((p) =>
          p.kind === 'block' ? p.block : p.kind === 'paragraph' ? paragraph(p.inline) : p.inline,
        ),
        '\n',
      );
      return `${ordered ? `${start + i}.` : bullet} ${text.replace(/\n/g, '\n   ')}`;
    })
    .join('\n');
}

class Walker<Block, Inline> {
  constructor(private readonly style: MarkdownStyle<Block, Inline>) {}

  blocks(tokens: readonly Token[], depth: number): Block[] {
    return tokens.flatMap((token) => this.block(token, depth) ?? []);
  }

  private block(token: Token, depth: number): Block | undefined {
    const s = this.style;
    switch (token.type) {
      case 'space':
      case 'hr':
      case 'def':
        return undefined;
      case 'paragraph':
        return s.paragraph(this.inline((token as Tokens.Paragraph).tokens));
      case 'heading':
        return s.heading(this.inline((token as Tokens.Heading).tokens));
      case 'code': {
        const code = token as Tokens.Code;
        return s.code(code.text, code.lang ?? '');
      }
      case 'blockquote':
        return s.quote(this.blocks((token as Tokens.Blockquote).tokens, depth));
      case 'list': {
        const list = token as Tokens.List;
        const items = list.items.map((item) => this.listItem(item, depth));
        return s.list(items, list.ordered, typeof list.start === 'number' ? list.start : 1, depth);
      }
      case 'table':
        return s.table(token.raw.trim());
      case 'html':
        return s.html((token as Tokens.HTML).text.trim());
      default:
        return 'tokens' in token && Array.isArray(token.tokens)
          ? s.paragraph(this.inline(token.tokens))
          : s.paragraph(s.text(token.raw));
    }
  }

  private listItem(item: Tokens.ListItem, depth: number): ListItemPart<Block, Inline>[] {
    return item.tokens.flatMap((token): ListItemPart<Block, Inline>[] => {
      if (token.type === 'text') return [{ kind: 'text', inline: this.textToken(token as Tokens.Text) }];
      if (token.type === 'paragraph')
        return [{ kind: 'paragraph', inline: this.inline((token as Tokens.Paragraph).tokens) }];
      const block = this.block(token, depth + 1);
      return block === undefined ? [] : [{ kind: 'block', block }];
    });
  }

  private inline(tokens: readonly Token[] | undefined): Inline {
    return this.style.join((tokens ?? []).map((token) => this.inlineToken(token)));
  }

  private inlineToken(token: Token): Inline {
    const s = this.style;
    switch (token.type) {
      case 'strong':
        return s.strong(this.inline((token as Tokens.Strong).tokens));
      case 'em':
        return s.em(this.inline((token as Tokens.Em).tokens));
      case 'del':
        return s.del(this.inline((token as Tokens.Del).tokens));
      case 'codespan':
        return s.codespan(decodeEntities((token as Tokens.Codespan).text));
      case 'link': {
        const link = token as Tokens.Link;
        return s.link(this.inline(link.tokens), link.href);
      }
      case 'image': {
        const image = token as Tokens.Image;
        return s.image(image.text, image.href);
      }
      case 'br':
        return s.lineBreak();
      case 'escape':
      case 'html':
        return s.text(decodeEntities(token.text ?? token.raw));
      case 'text':
        return this.textToken(token as Tokens.Text);
      default:
        return s.text(token.raw);
    }
  }

  private textToken(token: Tokens.Text): Inline {
    return token.tokens ? this.inline(token.tokens) : this.style.text(decodeEntities(token.text));
  }
}
