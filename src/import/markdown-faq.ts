import { Lexer, type Token } from 'marked';
import { slugOf } from './entries.ts';
import { type FaqDocument, type FaqItem, ImportError, type SourceText } from './faq.ts';

interface Block {
  token: Token;
  line: number;
}

interface Heading {
  index: number;
  depth: number;
  text: string;
  question: boolean;
}

/**
 * Parses a Markdown FAQ page: every heading that ends in "?" (any level) is a question, and its
 * section (up to the next question, or the next heading of the same or a higher level) is the
 * answer. The enclosing non-question heading ("## Registry") becomes a tag; the page's single
 * top-level title does not.
 * Example: parseMarkdownFaq({ file, text: '## Why?\nBecause.' }).items[0] -> { questions: ['Why?'], answer: 'Because.' }
 */
export function parseMarkdownFaq({ file, text }: SourceText): FaqDocument {
  const lexer = new Lexer({ gfm: true });
  const blocks = withLines(lexer.lex(text));
  const headings = blocks.flatMap((b, index) =>
    b.token.type === 'heading' ? [headingOf(b.token, index)] : [],
  );
  const pageTitles = headings.filter((h) => h.depth === 1).length === 1 ? 1 : 0;
  const definitions = Object.entries(lexer.tokens.links);
  const items: FaqItem[] = [];
  headings.forEach((heading, h) => {
    if (!heading.question) return;
    const end = headings.slice(h + 1).find((next) => next.question || next.depth <= heading.depth);
    const section = blocks.slice(heading.index + 1, end?.index ?? blocks.length);
    const answer = withDefinitions(
      section
        .map((b) => b.token.raw)
        .join('')
        .trim(),
      definitions,
    );
    const category = headings
      .slice(0, h)
      .reverse()
      .find((c) => !c.question && c.depth < heading.depth);
    const tag = category && category.depth > pageTitles ? slugOf(category.text) : undefined;
    items.push({
      key: String(items.length),
      questions: [heading.text],
      answer,
      tags: tag ? [tag] : [],
      links: [],
      related: [],
      source: { file, line: blocks[heading.index]!.line },
    });
  });
  if (items.length === 0) {
    throw new ImportError(
      { file, line: 1 },
      'no questions found: each question must be a heading that ends in "?", like "## How do I get access?"',
    );
  }
  return { format: 'markdown', items };
}

/** Top-level tokens with the 1-based line each starts on (their raw text concatenates to the source). */
function withLines(tokens: readonly Token[]): Block[] {
  let line = 1;
  return tokens.map((token) => {
    const block = { token, line: line + leadingNewlines(token.raw) };
    line += (token.raw.match(/\n/g) ?? []).length;
    return block;
  });
}

function leadingNewlines(raw: string): number {
  return raw.length - raw.replace(/^\n+/, '').length;
}

function headingOf(token: Token, index: number): Heading {
  const depth = token.type === 'heading' ? token.depth : 0;
  const text = (token.type === 'heading' ? token.text : '').replace(/^[*_\s]+|[*_\s]+$/g, '');
  return { index, depth, text, question: /[?？]$/.test(text) };
}

/** Reference-style links keep working when their `[label]: url` line sits elsewhere on the page. */
function withDefinitions(answer: string, definitions: [string, { href: string | null }][]): string {
  const lower = answer.toLowerCase();
  const needed = definitions.filter(
    ([label, { href }]) =>
      href && lower.includes(`[${label.toLowerCase()}]`) && !lower.includes(`[${label.toLowerCase()}]:`),
  );
  if (needed.length === 0) return answer;
  return `${answer}\n\n${needed.map(([label, { href }]) => `[${label}]: ${href}`).join('\n')}`;
}
