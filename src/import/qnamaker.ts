import {
  type FaqDocument,
  type FaqItem,
  ImportError,
  type SourceText,
  sourceLink,
  tagOfMetadata,
} from './faq.ts';

/** The columns of a QnA Maker / custom question answering TSV export, in the export's order. */
export const QNAMAKER_COLUMNS = [
  'Question',
  'Answer',
  'Source',
  'Metadata',
  'SuggestedQuestions',
  'IsContextOnly',
  'Prompts',
  'QnaId',
] as const;

interface Row {
  line: number;
  question: string;
  answer: string;
  source: string;
  metadata: string;
  prompts: string;
  qnaId: string;
}

interface Prompt {
  qnaId: string;
  displayOrder: number;
}

/**
 * Parses a QnA Maker TSV export: one row per question, rows sharing a QnaId are one pair (the
 * first row's question is the canonical one). Throws an ImportError at the first bad line.
 * Example: parseQnaMakerTsv({ file, text }).items[0].questions -> ['How do I ...?', 'alternate']
 */
export function parseQnaMakerTsv({ file, text }: SourceText): FaqDocument {
  const lines = text.split('\n');
  checkHeader(file, lines[0] ?? '');
  const byId = new Map<string, { item: FaqItem; first: Row; prompts: Prompt[] }>();
  lines.forEach((raw, i) => {
    if (i === 0 || raw.trim() === '') return;
    const row = parseRow(file, raw, i + 1);
    const known = byId.get(row.qnaId);
    if (!known) {
      const prompts = parsePrompts(file, row);
      byId.set(row.qnaId, { item: itemOf(file, row), first: row, prompts });
      return;
    }
    if (row.answer !== known.first.answer) {
      throw new ImportError(
        { file, line: row.line },
        `QnaId ${row.qnaId} has a different answer here than on line ${known.first.line}`,
      );
    }
    if (!known.item.questions.includes(row.question)) known.item.questions.push(row.question);
  });
  if (byId.size === 0)
    throw new ImportError({ file, line: 2 }, 'no question-and-answer rows after the header');
  for (const { item, first, prompts } of byId.values()) {
    for (const prompt of prompts) {
      if (!byId.has(prompt.qnaId)) {
        throw new ImportError(
          { file, line: first.line },
          `a follow-up prompt points to QnaId ${prompt.qnaId}, which is not in the file`,
        );
      }
    }
    item.related = prompts.sort((a, b) => a.displayOrder - b.displayOrder).map((p) => p.qnaId);
  }
  return { format: 'qnamaker', items: [...byId.values()].map((v) => v.item) };
}

function checkHeader(file: string, header: string): void {
  const found = header.split('\t').map((c) => c.trim());
  const expected: readonly string[] = QNAMAKER_COLUMNS;
  const same =
    found.length === expected.length && found.every((c, i) => c.toLowerCase() === expected[i]!.toLowerCase());
  if (!same) {
    throw new ImportError(
      { file, line: 1 },
      `not a QnA Maker export: expected the tab-separated columns ${expected.join(', ')}; found ${found.join(', ')}`,
    );
  }
}

function parseRow(file: string, raw: string, line: number): Row {
  const cells = raw.split('\t');
  if (cells.length !== QNAMAKER_COLUMNS.length) {
    throw new ImportError(
      { file, line },
      `${cells.length} columns where the header has ${QNAMAKER_COLUMNS.length} (a tab or line break inside a question or answer?)`,
    );
  }
  const [question, answer, source, metadata, , isContextOnly, prompts, qnaId] = cells.map((c) => c.trim());
  if (!/^\d+$/.test(qnaId!))
    throw new ImportError({ file, line }, `QnaId must be a number, found "${qnaId}"`);
  if (!/^(true|false|)$/i.test(isContextOnly!))
    throw new ImportError({ file, line }, `IsContextOnly must be True or False, found "${isContextOnly}"`);
  if (!question) throw new ImportError({ file, line }, 'the question is empty');
  return {
    line,
    question,
    answer: unescapeTsv(answer!),
    source: source!,
    metadata: metadata!,
    prompts: prompts!,
    qnaId: qnaId!,
  };
}

function itemOf(file: string, row: Row): FaqItem {
  const link = sourceLink(row.source);
  return {
    key: row.qnaId,
    questions: [row.question],
    answer: row.answer,
    tags: parseMetadata(file, row),
    links: link ? [link] : [],
    related: [],
    source: { file, line: row.line },
  };
}

/** `team:platform|category:registry` -> ['team:platform', 'category:registry'] */
function parseMetadata(file: string, row: Row): string[] {
  if (!row.metadata) return [];
  return row.metadata.split('|').map((pair) => {
    const colon = pair.indexOf(':');
    if (colon <= 0 || colon === pair.length - 1) {
      throw new ImportError(
        { file, line: row.line },
        `Metadata must be key:value pairs separated by "|", found "${row.metadata}"`,
      );
    }
    return tagOfMetadata(pair.slice(0, colon), pair.slice(colon + 1));
  });
}

function parsePrompts(file: string, row: Row): Prompt[] {
  if (row.prompts === '' || row.prompts === '[]') return [];
  const bad = () =>
    new ImportError(
      { file, line: row.line },
      'Prompts must be a JSON list like [{"DisplayOrder":1,"QnaId":2,"DisplayText":"..."}]',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.prompts);
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed)) throw bad();
  return parsed.map((value: unknown, index) => {
    if (typeof value !== 'object' || value === null) throw bad();
    const fields = new Map(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v as unknown]));
    const qnaId = fields.get('qnaid');
    if (typeof qnaId !== 'number' && !(typeof qnaId === 'string' && /^\d+$/.test(qnaId))) throw bad();
    const order = fields.get('displayorder');
    return { qnaId: String(qnaId), displayOrder: typeof order === 'number' ? order : index };
  });
}

/**
 * Answers keep their line breaks as `\n` in the export (a TSV row is one line): `\n` -> line
 * break, `\t` -> tab, `\\` -> backslash; any other backslash stays as written.
 */
export function unescapeTsv(field: string): string {
  return field.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

/** The inverse of unescapeTsv, so an exported answer reads back exactly. */
export function escapeTsv(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\\(?=[nt\\\n\t])/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t');
}
