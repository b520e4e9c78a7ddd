import { type Document, LineCounter, parseDocument } from 'yaml';
import { type Problem, problem } from './problems.ts';

/** A Markdown file split into its YAML front matter and body, with line numbers kept. */
export interface ParsedFile {
  data: unknown;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** The 1-based line of a front-matter field (or of the front matter itself if absent). */
  lineOf(path: readonly (string | number)[]): number;
}

const FENCE = /^---\s*$/;

/**
 * Splits `---\n<yaml>\n---\n<markdown>` and parses the YAML, reporting problems as `file:line`.
 * Example: parseFrontMatter('knowledge/x/y.md', text) -> { parsed } or { problems }.
 */
export function parseFrontMatter(file: string, text: string): { parsed?: ParsedFile; problems: Problem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return {
      problems: [problem({ file, line: 1 }, 'must start with a "---" line opening the YAML front matter')],
    };
  }
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close < 0) {
    return { problems: [problem({ file, line: 1 }, 'front matter is not closed by a "---" line')] };
  }
  const yamlText = lines.slice(1, close).join('\n');
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const yamlLine = (offset: number) => counter.linePos(offset).line + 1;
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) =>
        problem({ file, line: yamlLine(e.pos[0]) }, `malformed YAML: ${firstLine(e.message)}`),
      ),
    };
  }
  return {
    problems: [],
    parsed: {
      data: doc.toJS(),
      body: lines.slice(close + 1).join('\n'),
      bodyLine: close + 2,
      lineOf: (path) => lineOfPath(doc, path, yamlLine),
    },
  };
}

/** Parses a plain YAML file (synonyms, messages, topics) with the same error reporting. */
export function parseYamlFile(file: string, text: string): { data?: unknown; problems: Problem[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) =>
        problem({ file, line: counter.linePos(e.pos[0]).line }, `malformed YAML: ${firstLine(e.message)}`),
      ),
    };
  }
  return { data: doc.toJS(), problems: [] };
}

function lineOfPath(
  doc: Document,
  path: readonly (string | number)[],
  toLine: (offset: number) => number,
): number {
  for (let depth = path.length; depth > 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return toLine(node.range[0]);
  }
  return 1;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
