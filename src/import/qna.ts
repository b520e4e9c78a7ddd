import { questionKey } from '../text/normalize.ts';
import {
  type FaqDocument,
  type FaqItem,
  ImportError,
  type SourceText,
  sourceLink,
  tagOfMetadata,
} from './faq.ts';

const QUESTION = /^#{1,6}\s*\?\s*(.*)$/;
const ANCHOR = /^<a\s+id\s*=\s*"([^"]+)"\s*>\s*<\/a>\s*$/i;
const SOURCE = /^>\s*!#\s*@qna\.pair\.source\s*=\s*(.*)$/i;
const FENCE = /^\s*(`{3,})\s*([\w-]*)\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const PROMPT = /^\[([^\]]*)\]\(#(\??)([^)]+)\)\s*(`context-only`)?$/;
/** Lines that start something new; an answer's closing fence is the last one before them. */
const SECTION_START = /^(#{1,6}\s*\?|<a\s+id\s*=|\*\*(Filters|Prompts):\*\*|>\s*!#\s*@qna\.pair)/i;

type Part = 'questions' | 'filters' | 'prompts';

interface Pending {
  id?: string;
  source?: string;
}

interface PromptRef {
  byQuestion: boolean;
  ref: string;
  line: number;
  raw: string;
}

/**
 * Parses a `.qna` file (the Bot Framework CLI's text format for QnA Maker): `# ? question`,
 * `- variation` lines, a fenced answer, `**Filters:**` (`- key = value`), `**Prompts:**`
 * (`- [text](#id)` or `- [text](#?question)`, optionally `` `context-only` ``), `<a id = "1"></a>`
 * anchors and `> !# @qna.pair.source = ...`. Anything else is an ImportError naming its line.
 */
export function parseQnaFile({ file, text }: SourceText): FaqDocument {
  const lines = text.split('\n');
  const items: FaqItem[] = [];
  const prompts = new Map<FaqItem, PromptRef[]>();
  const lineNumbers = new Map<string, number>();
  let item: FaqItem | undefined;
  let part: Part = 'questions';
  let pending: Pending = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const at = { file, line: i + 1 };
    const question = QUESTION.exec(line);
    if (line === '' || (line.startsWith('>') && !SOURCE.test(line))) continue;
    if (question) {
      if (!question[1]) throw new ImportError(at, 'a "# ?" line without its question');
      const key = pending.id ?? `#${items.length + 1}`;
      if (lineNumbers.has(key))
        throw new ImportError(at, `id "${key}" is used twice (also on line ${lineNumbers.get(key)})`);
      lineNumbers.set(key, i + 1);
      const link = pending.source ? sourceLink(pending.source) : undefined;
      item = {
        key,
        questions: [question[1]!.trim()],
        answer: '',
        tags: [],
        links: link ? [link] : [],
        related: [],
        source: at,
      };
      items.push(item);
      prompts.set(item, []);
      [part, pending] = ['questions', {}];
    } else if (ANCHOR.test(line)) pending.id = ANCHOR.exec(line)![1]!;
    else if (SOURCE.test(line)) pending.source = SOURCE.exec(line)![1]!;
    else if (!item) throw unexpected(at);
    else if (/^\*\*Filters:\*\*$/i.test(line)) part = 'filters';
    else if (/^\*\*Prompts:\*\*$/i.test(line)) part = 'prompts';
    else if (FENCE.test(line)) {
      if (item.answer)
        throw new ImportError(at, 'a second answer: each "# ?" question has one fenced answer');
      const close = closingFence(lines, i, FENCE.exec(line)![1]!.length);
      if (close < 0) throw new ImportError(at, "the answer's ``` fence is not closed");
      item.answer = lines
        .slice(i + 1, close)
        .join('\n')
        .trim();
      i = close;
    } else if (BULLET.test(line)) addBullet(item, part, BULLET.exec(line)![1]!.trim(), at, prompts);
    else throw unexpected(at);
  }
  if (items.length === 0)
    throw new ImportError({ file, line: 1 }, 'no questions: each must start with "# ? "');
  resolvePrompts(file, items, prompts);
  return { format: 'qna', items };
}

function unexpected(at: { file: string; line: number }): ImportError {
  return new ImportError(
    at,
    'unexpected line: expected "# ? question", "- variation", a ```markdown answer, "**Filters:**" or "**Prompts:**"',
  );
}

function addBullet(
  item: FaqItem,
  part: Part,
  text: string,
  at: { file: string; line: number },
  prompts: Map<FaqItem, PromptRef[]>,
): void {
  if (part === 'questions') {
    if (item.answer) throw new ImportError(at, 'a variation after the answer: list variations under "# ?"');
    item.questions.push(text);
  } else if (part === 'filters') {
    const filter = /^([^=]+?)\s*=\s*(.+)$/.exec(text);
    if (!filter) throw new ImportError(at, `a filter must read "- name = value", found "- ${text}"`);
    item.tags.push(tagOfMetadata(filter[1]!, filter[2]!));
  } else {
    const prompt = PROMPT.exec(text);
    if (!prompt)
      throw new ImportError(
        at,
        `a prompt must read "- [text](#id)" or "- [text](#?question)", found "- ${text}"`,
      );
    prompts.get(item)!.push({ byQuestion: prompt[2] === '?', ref: prompt[3]!, line: at.line, raw: text });
  }
}

/**
 * The closing fence of an answer opened at `open`: the last fence line before whatever starts the
 * next section, so fenced code blocks inside an answer survive.
 */
function closingFence(lines: readonly string[], open: number, ticks: number): number {
  let close = -1;
  for (let i = open + 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (SECTION_START.test(line)) break;
    const fence = FENCE.exec(line);
    if (fence && fence[2] === '' && fence[1]!.length >= ticks) close = i;
  }
  return close;
}

/** `#2` names a pair by its anchor id; `#?how-do-i-push` by one of its questions. */
function resolvePrompts(file: string, items: readonly FaqItem[], prompts: Map<FaqItem, PromptRef[]>): void {
  const byKey = new Set(items.map((i) => i.key));
  const byQuestion = new Map<string, string>();
  for (const item of items) for (const q of item.questions) byQuestion.set(questionKey(q), item.key);
  for (const [item, refs] of prompts) {
    item.related = refs.map((ref) => {
      const key = ref.byQuestion
        ? byQuestion.get(questionKey(decode(ref.ref)))
        : byKey.has(ref.ref)
          ? ref.ref
          : undefined;
      if (key === undefined)
        throw new ImportError(
          { file, line: ref.line },
          `prompt "- ${ref.raw}" points to a question that is not in the file`,
        );
      return key;
    });
  }
}

function decode(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}
