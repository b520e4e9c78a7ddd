import { LineCounter, parseDocument } from 'yaml';
import { type FaqDocument, type FaqItem, ImportError, type SourceText } from './faq.ts';

const FAQ_INTENT = /^faq\/(.+)$/;

interface ParsedYaml {
  file: string;
  data: Record<string, unknown> | undefined;
  lineOf(path: readonly (string | number)[]): number;
}

/**
 * Parses a Rasa project's FAQ: each `faq/<name>` retrieval intent in an `nlu:` list, with its
 * examples as the questions (entity annotations removed) and the first `utter_faq/<name>` response
 * under `responses:` (domain.yml or data files) as the answer. Other intents are not FAQ and are
 * skipped. `origin` names the project in errors about it as a whole.
 * Example: parseRasa([nlu, domain]).items[0] -> { key: 'faq/ask_channels', questions: [...], answer: '...' }
 */
export function parseRasa(files: readonly SourceText[], origin = files[0]?.file ?? '.'): FaqDocument {
  const parsed = files.map(parseYaml);
  const items = new Map<string, FaqItem>();
  const answers = new Map<string, string>();
  for (const yaml of parsed) {
    collectIntents(yaml, items);
    collectResponses(yaml, answers);
  }
  if (items.size === 0) {
    throw new ImportError(
      { file: origin, line: 1 },
      'no FAQ retrieval intents (an "nlu:" list with "- intent: faq/<name>")',
    );
  }
  if (![...items.keys()].some((key) => answers.has(key))) {
    const first = [...items.values()][0]!;
    throw new ImportError(
      first.source,
      `no "utter_${first.key}" response: the answers live under "responses:" in domain.yml; import the project folder, or pass domain.yml too`,
    );
  }
  for (const [key, item] of items) item.answer = answers.get(key) ?? '';
  return { format: 'rasa', items: [...items.values()] };
}

function parseYaml({ file, text }: SourceText): ParsedYaml {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const message = error.message.split('\n')[0] ?? error.message;
    // An unclosed bracket or quote is reported at the end of the file: point at its last line instead.
    const lastLine = text.trimEnd().split('\n').length;
    const line = Math.min(counter.linePos(error.pos[0]).line, lastLine);
    throw new ImportError({ file, line }, `malformed YAML: ${message}`);
  }
  const lineOf = (path: readonly (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? counter.linePos(node.range[0]).line : 1;
  };
  return { file, data: recordOf(doc.toJS()), lineOf };
}

function collectIntents({ file, data, lineOf }: ParsedYaml, items: Map<string, FaqItem>): void {
  const nlu = data?.nlu;
  if (nlu === undefined) return;
  if (!Array.isArray(nlu))
    throw new ImportError({ file, line: lineOf(['nlu']) }, '"nlu" must be a list of intents');
  nlu.forEach((entry: unknown, i) => {
    const intent = recordOf(entry)?.intent;
    if (typeof intent !== 'string' || !FAQ_INTENT.test(intent)) return;
    const line = lineOf(['nlu', i]);
    const examples = examplesOf(recordOf(entry)?.examples, file, lineOf(['nlu', i, 'examples']));
    const known = items.get(intent);
    if (known) known.questions.push(...examples);
    else
      items.set(intent, {
        key: intent,
        questions: examples,
        answer: '',
        tags: [],
        links: [],
        related: [],
        source: { file, line },
      });
    if (items.get(intent)!.questions.length === 0)
      throw new ImportError({ file, line }, `intent "${intent}" has no examples`);
  });
}

/** `examples: |` with `- ` lines, or a list of `{ text }` (Rasa 3 with metadata). */
function examplesOf(value: unknown, file: string, line: number): string[] {
  if (typeof value === 'string') {
    return value
      .split('\n')
      .map((l) => /^\s*-\s+(.*)$/.exec(l)?.[1])
      .filter((l) => l !== undefined)
      .map(withoutAnnotations);
  }
  if (Array.isArray(value)) {
    return value.map((v: unknown) => {
      const text = recordOf(v)?.text;
      if (typeof text !== 'string') throw new ImportError({ file, line }, 'each example must have a "text"');
      return withoutAnnotations(text);
    });
  }
  throw new ImportError({ file, line }, '"examples" must be a block of "- example" lines');
}

/** `where is [Berlin](city)` and `[Berlin]{"entity": "city"}` -> `where is Berlin` */
function withoutAnnotations(example: string): string {
  return example.replace(/\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})/g, '$1').trim();
}

function collectResponses({ file, data, lineOf }: ParsedYaml, answers: Map<string, string>): void {
  const responses = data?.responses;
  if (responses === undefined) return;
  const record = recordOf(responses);
  if (!record)
    throw new ImportError({ file, line: lineOf(['responses']) }, '"responses" must map names to responses');
  for (const [name, variations] of Object.entries(record)) {
    const intent = /^utter_(faq\/.+)$/.exec(name)?.[1];
    if (!intent || answers.has(intent)) continue;
    if (!Array.isArray(variations))
      throw new ImportError(
        { file, line: lineOf(['responses', name]) },
        `"${name}" must be a list of responses`,
      );
    answers.set(intent, firstText(variations));
  }
}

/** Berth has one answer: the first variation meant for every channel (Rasa picks one at random). */
function firstText(variations: readonly unknown[]): string {
  const texts = variations.map(recordOf).filter((v) => typeof v?.text === 'string');
  const general = texts.find((v) => v?.channel === undefined) ?? texts[0];
  return typeof general?.text === 'string' ? general.text : '';
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
