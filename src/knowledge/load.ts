import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { type ParsedFile, parseFrontMatter, parseYamlFile } from './frontmatter.ts';
import { type Problem, problem } from './problems.ts';
import {
  askedSchema,
  entrySchema,
  messagesSchema,
  outOfScopeSchema,
  smallTalkSchema,
  synonymsSchema,
  topicsSchema,
} from './schema.ts';
import type { Entry, OutOfScope, SmallTalk, SourceRef } from './types.ts';

/** Knowledge read from one or more directories, before cross-entry validation. */
export interface RawKnowledge {
  entries: Map<string, Entry>;
  smalltalk: Map<string, SmallTalk>;
  outOfScope: Map<string, OutOfScope>;
  synonyms: Map<string, string>;
  messages: Record<string, string>;
  topicNames: Map<string, { name: string; examples: string[] }>;
  /** Entry id -> questions people asked that it answers, with where each id is listed. */
  asked: Map<string, { questions: string[]; source: SourceRef }>;
  problems: Problem[];
  version: string;
}

const BOT_DIR = '_bot';
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Reads every layer in order; a later layer overrides entries with the same id. */
export function readLayers(dirs: readonly string[]): RawKnowledge {
  const raw: RawKnowledge = {
    entries: new Map(),
    smalltalk: new Map(),
    outOfScope: new Map(),
    synonyms: new Map(),
    messages: {},
    topicNames: new Map(),
    asked: new Map(),
    problems: [],
    version: '',
  };
  const hash = createHash('sha256');
  dirs.forEach((dir, layer) => {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      raw.problems.push(problem({ file: dir, line: 1 }, 'knowledge directory does not exist'));
      return;
    }
    readLayer(dir, layer, raw, (file, text) => hash.update(`${file}\0${text}\0`));
  });
  raw.version = hash.digest('hex').slice(0, 12);
  return raw;
}

type Reader = (file: string, text: string) => void;

function readLayer(dir: string, layer: number, raw: RawKnowledge, onRead: Reader): void {
  const seenHere = new Map<string, string>();
  for (const topic of subdirectories(dir)) {
    if (topic === BOT_DIR) continue;
    for (const file of markdownFiles(path.join(dir, topic))) {
      const entry = readEntry(file, topic, layer, raw.problems, onRead);
      if (!entry) continue;
      const earlier = seenHere.get(entry.id);
      if (earlier) {
        raw.problems.push(problem(entry.source, `duplicate id "${entry.id}": also defined in ${earlier}`));
        continue;
      }
      seenHere.set(entry.id, entry.source.file);
      raw.entries.set(entry.id, entry);
    }
  }
  readBotFiles(path.join(dir, BOT_DIR), raw, onRead);
}

function readEntry(
  file: string,
  topic: string,
  layer: number,
  problems: Problem[],
  onRead: Reader,
): Entry | undefined {
  const parsed = parseMarkdown(file, problems, onRead);
  if (!parsed) return undefined;
  const id = path.basename(file, '.md');
  if (!ID_PATTERN.test(id)) {
    problems.push(
      problem({ file, line: 1 }, `file name "${id}" must be a lower-case id like "what-is-a-cgroup"`),
    );
  }
  const data = validate(entrySchema, parsed, file, problems);
  const answer = parsed.body.trim();
  if (!answer)
    problems.push(problem({ file, line: parsed.bodyLine }, 'missing answer: the Markdown body is empty'));
  if (!data || !answer) return undefined;
  const lines = {
    title: parsed.lineOf(['title']),
    reviewed: parsed.lineOf(['reviewed']),
    questions: data.questions.map((_, i) => parsed.lineOf(['questions', i])),
    related: data.related.map((_, i) => parsed.lineOf(['related', i])),
    answer: parsed.bodyLine,
  };
  return { id, topic, ...data, answer, source: { file, line: 1 }, layer, lines };
}

function readBotFiles(botDir: string, raw: RawKnowledge, onRead: Reader): void {
  if (!existsSync(botDir)) return;
  const yamlFile = <T>(
    name: string,
    schema: z.ZodType<T>,
    apply: (data: T, text: string, file: string) => void,
  ) => {
    const file = path.join(botDir, name);
    if (!existsSync(file)) return;
    const text = readFileSync(file, 'utf8');
    onRead(file, text);
    const { data, problems } = parseYamlFile(file, text);
    raw.problems.push(...problems);
    if (problems.length > 0) return;
    const result = schema.safeParse(data ?? {});
    if (result.success) apply(result.data, text, file);
    else raw.problems.push(problem({ file, line: 1 }, result.error.issues[0]?.message ?? 'invalid'));
  };
  yamlFile('synonyms.yaml', synonymsSchema, (data) => {
    for (const [from, to] of Object.entries(data))
      raw.synonyms.set(from.toLowerCase().trim(), to.toLowerCase());
  });
  yamlFile('messages.yaml', messagesSchema, (data) => Object.assign(raw.messages, data));
  yamlFile('asked.yaml', askedSchema, (data, text, file) => {
    const lines = text.split(/\r?\n/);
    for (const [id, list] of Object.entries(data)) {
      const line = lines.findIndex((l) => l.startsWith(`${id}:`)) + 1 || 1;
      const earlier = raw.asked.get(id)?.questions ?? [];
      raw.asked.set(id, { questions: [...earlier, ...list.map((a) => a.question)], source: { file, line } });
    }
  });
  yamlFile('topics.yaml', topicsSchema, (data) => {
    for (const [id, topic] of Object.entries(data)) raw.topicNames.set(id, topic);
  });
  readReplies(
    path.join(botDir, 'smalltalk'),
    smallTalkSchema,
    raw.problems,
    onRead,
    (id, data, answer, source) => {
      raw.smalltalk.set(id, { id, questions: data.questions, showTopics: data.show_topics, answer, source });
    },
  );
  readReplies(
    path.join(botDir, 'out-of-scope'),
    outOfScopeSchema,
    raw.problems,
    onRead,
    (id, data, answer, source) => {
      raw.outOfScope.set(id, { id, title: data.title, questions: data.questions, answer, source });
    },
  );
}

/** Reads `<dir>/<id>.md` files whose body is a reply (small talk, out-of-scope categories). */
function readReplies<T>(
  dir: string,
  schema: z.ZodType<T>,
  problems: Problem[],
  onRead: Reader,
  add: (id: string, data: T, answer: string, source: { file: string; line: number }) => void,
): void {
  for (const file of markdownFiles(dir)) {
    const parsed = parseMarkdown(file, problems, onRead);
    if (!parsed) continue;
    const data = validate(schema, parsed, file, problems);
    const answer = parsed.body.trim();
    if (!answer)
      problems.push(problem({ file, line: parsed.bodyLine }, 'missing reply: the Markdown body is empty'));
    if (data && answer) add(path.basename(file, '.md'), data, answer, { file, line: 1 });
  }
}

function parseMarkdown(file: string, problems: Problem[], onRead: Reader): ParsedFile | undefined {
  const text = readFileSync(file, 'utf8');
  onRead(file, text);
  const { parsed, problems: found } = parseFrontMatter(file, text);
  problems.push(...found);
  return parsed;
}

/** Validates front matter against a schema, reporting each issue at the line of its field. */
function validate<T>(
  schema: z.ZodType<T>,
  parsed: ParsedFile,
  file: string,
  problems: Problem[],
): T | undefined {
  const result = schema.safeParse(parsed.data ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const message =
      issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    problems.push(problem({ file, line: parsed.lineOf(at) }, message));
  }
  return undefined;
}

// Symbolic links are followed: a mounted Kubernetes ConfigMap is a folder of links into its
// `..data` folder (itself a link), and deploy tools often publish a folder through a link.
// Dot-names (`..data`, `..2024_01_01...`, editors' swap files) are never read directly.

function subdirectories(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && isA(path.join(dir, name), 'directory'))
    .sort();
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md' && !name.startsWith('.'))
    .map((name) => path.join(dir, name))
    .filter((file) => isA(file, 'file'))
    .sort();
}

/** Whether `file` is a directory or a file, links followed (a dangling link is neither). */
function isA(file: string, kind: 'directory' | 'file'): boolean {
  const stats = statSync(file, { throwIfNoEntry: false });
  return kind === 'directory' ? stats?.isDirectory() === true : stats?.isFile() === true;
}
