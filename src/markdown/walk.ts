import { Lexer, type Token, type Tokens } from 'marked';

/** How one output format spells each Markdown construct. Each function gets already-rendered inner text. */
export interface MarkdownStyle {
  text(raw: string): string;
  strong(inner: string): string;
  em(inner: string): string;
  del(inner: string): string;
  codespan(code: string): string;
  link(label: string, url: string): string;
  paragraph(inner: string): string;
  heading(inner: string): string;
  code(code: string, lang: string): string;
  quote(inner: string): string;
  list(items: string[], ordered: boolean, start: number): string;
  /** What goes between blocks. */
  blockSeparator: string;
}

/** Renders Markdown into another markup by walking marked's tokens with a style. */
export function renderMarkdown(markdown: string, style: MarkdownStyle): string {
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  return renderBlocks(tokens, style).trim();
}

function renderBlocks(tokens: Token[], style: MarkdownStyle): string {
  const blocks: string[] = [];
  for (const token of tokens) {
    const out = renderBlock(token, style);
    if (out) blocks.push(out);
  }
  return blocks.join(style.blockSeparator);
}

function renderBlock(token: Token, style: MarkdownStyle): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return '';
    case 'paragraph':
      return style.paragraph(renderInline((token as Tokens.Paragraph).tokens, style));
    case 'heading':
      return style.heading(renderInline((token as Tokens.Heading).tokens, style));
    case 'code': {
      const code = token as Tokens.Code;
      return style.code(code.text, code.lang ?? '');
    }
    case 'blockquote':
      return style.quote(renderBlocks((token as Tokens.Blockquote).tokens, style));
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item) => renderListItem(item, style));
      return style.list(items, list.ordered, typeof list.start === 'number' ? list.start : 1);
    }
    case 'table':
      return style.paragraph(style.text((token as Tokens.Table).raw.trim()));
    case 'html':
      return style.paragraph(style.text((token as Tokens.HTML).text.trim()));
    default:
      return 'tokens' in token && Array.isArray(token.tokens)
        ? style.paragraph(renderInline(token.tokens, style))
        : style.paragraph(style.text(token.raw));
  }
}

function renderListItem(item: Tokens.ListItem, style: MarkdownStyle): string {
  return item.tokens
    .map((t) =>
      t.type === 'text' && 'tokens' in t && t.tokens ? renderInline(t.tokens, style) : renderBlock(t, style),
    )
    .filter(Boolean)
    .join('\n');
}

function renderInline(tokens: Token[] | undefined, style: MarkdownStyle): string {
  if (!tokens) return '';
  return tokens.map((token) => renderInlineToken(token, style)).join('');
}

function renderInlineToken(token: Token, style: MarkdownStyle): string {
  switch (token.type) {
    case 'strong':
      return style.strong(renderInline((token as Tokens.Strong).tokens, style));
    case 'em':
      return style.em(renderInline((token as Tokens.Em).tokens, style));
    case 'del':
      return style.del(renderInline((token as Tokens.Del).tokens, style));
    case 'codespan':
      return style.codespan(decodeEntities((token as Tokens.Codespan).text));
    case 'link': {
      const link = token as Tokens.Link;
      return style.link(renderInline(link.tokens, style), link.href);
    }
    case 'image':
      return style.link(style.text((token as Tokens.Image).text || 'image'), (token as Tokens.Image).href);
    case 'br':
      return '\n';
    case 'escape':
    case 'html':
      return style.text(decodeEntities(token.text ?? token.raw));
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? renderInline(text.tokens, style) : style.text(decodeEntities(text.text));
    }
    default:
      return style.text(token.raw);
  }
}

/** marked leaves HTML entities in text tokens; outputs do their own escaping, so decode first. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
