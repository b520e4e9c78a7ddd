import { existsSync } from 'node:fs';
import path from 'node:path';
import { draftEntries, slugOf } from '../import/entries.ts';
import { IMPORT_FORMATS, ImportError, type ImportFormat } from '../import/faq.ts';
import { reviewImport } from '../import/review.ts';
import { readFaq } from '../import/source.ts';
import { ExistingEntriesError, writeEntries } from '../import/writer.ts';
import type { ChannelRequirements } from '../knowledge/channel-requirements.ts';
import { readLayers } from '../knowledge/load.ts';
import { errorsOf, formatProblem, type Problem } from '../knowledge/problems.ts';
import { type CliIo, parseArgs, writeLine } from './io.ts';

const USAGE =
  'usage: berth import <file> --out <dir> [--topic NAME] [--format qnamaker|rasa|markdown|qna] [--force] [--quiet]';
const FLAGS = new Set(['out', 'topic', 'format', 'force', 'quiet']);
const TOPIC = /^[a-z0-9][a-z0-9-]*$/;

export interface ImportCommandOptions {
  /** Relative paths in `args` start here, and problems are printed relative to it (as `berth check` does). */
  cwd?: string;
  /** The `reviewed` date of the imported entries, YYYY-MM-DD (default: today, UTC). */
  today?: string;
  /** What each registered channel needs of the knowledge (answer sizes), as `berth check` is given. */
  channels?: readonly ChannelRequirements[];
}

/**
 * `berth import <file> --out <dir>`: turns a QnA Maker TSV, a Rasa project (folder, or nlu.yml and
 * domain.yml), a Markdown FAQ or a .qna file into entries under `<dir>/<topic>/`, then prints what
 * `berth check` would say about them and `N imported, N need attention`. Exits 1 when the input
 * cannot be read (nothing is written) or when imported entries need attention, 2 on usage errors.
 */
export function importCommand(
  knowledgeDirs: readonly string[],
  args: readonly string[],
  io: CliIo,
  options: ImportCommandOptions = {},
): number {
  const cwd = options.cwd ?? process.cwd();
  const parsed = parseArgs(args, ['out', 'topic', 'format']);
  const { flags } = parsed;
  const words = parsed.words.map((w) => path.resolve(cwd, w));
  const usage = usageError(flags, parsed.words, cwd);
  if (usage) {
    writeLine(io.stderr, `berth import: ${usage}\n${USAGE}`);
    return 2;
  }
  const out = path.resolve(cwd, String(flags.get('out')));
  const format = flags.get('format') as ImportFormat | undefined;
  const topic =
    typeof flags.get('topic') === 'string' ? String(flags.get('topic')) : defaultTopic(parsed.words[0]!);
  let written: string[];
  try {
    const drafts = draftEntries(readFaq(words, format), {
      topic,
      reviewed: options.today ?? new Date().toISOString().slice(0, 10),
      reserved: idsOutside(knowledgeDirs, out),
    });
    written = writeEntries(out, drafts, { force: flags.has('force') });
  } catch (error) {
    if (error instanceof ImportError) {
      writeLine(io.stderr, `berth import: ${formatProblem(relativeTo(error.problem, cwd))}`);
      return 1;
    }
    if (!(error instanceof ExistingEntriesError)) throw error;
    writeLine(io.stderr, `berth import: ${error.message}:`);
    for (const file of error.files) writeLine(io.stderr, `  ${relative(file, cwd)}`);
    return 1;
  }
  const { problems, needAttention } = reviewImport(knowledgeDirs, out, written, options.channels);
  const shown = flags.has('quiet') ? errorsOf(problems) : problems;
  for (const p of shown) writeLine(io.stderr, formatProblem(relativeTo(p, cwd)));
  const warnings = problems.length - errorsOf(problems).length;
  writeLine(
    io.stdout,
    `${written.length} imported, ${needAttention.length} need attention${warnings ? `; ${warnings} warning(s)` : ''}`,
  );
  writeLine(
    io.stdout,
    `entries are in ${relative(path.join(out, topic), cwd)}/; use them with KNOWLEDGE_DIRS=${out}`,
  );
  return needAttention.length > 0 ? 1 : 0;
}

/** Ids of the entries in every knowledge layer but the output directory. */
function idsOutside(knowledgeDirs: readonly string[], out: string): Set<string> {
  const others = knowledgeDirs.filter((d) => path.resolve(d) !== out && existsSync(d));
  return new Set(readLayers(others).entries.keys());
}

function usageError(
  flags: ReadonlyMap<string, string | true>,
  words: readonly string[],
  cwd: string,
): string | undefined {
  const unknown = [...flags.keys()].find((f) => !FLAGS.has(f));
  if (unknown) return `unknown option --${unknown}`;
  if (words.length === 0) return 'which file? (a .tsv, .qna, .md, or a Rasa project folder)';
  const missing = words.find((w) => !existsSync(path.resolve(cwd, w)));
  if (missing) return `no such file or folder: ${missing}`;
  if (typeof flags.get('out') !== 'string')
    return '--out <dir> is required: the knowledge directory to write to';
  const format = flags.get('format');
  if (format !== undefined && !(IMPORT_FORMATS as readonly unknown[]).includes(format))
    return `--format must be one of ${IMPORT_FORMATS.join(', ')}`;
  const topic = flags.get('topic');
  if (topic !== undefined && (typeof topic !== 'string' || !TOPIC.test(topic)))
    return '--topic must be a lower-case folder name like "platform"';
  return undefined;
}

/** `exports/Platform FAQ.tsv` -> `platform-faq`; Rasa's generic file names -> `faq`. */
function defaultTopic(file: string): string {
  const name = slugOf(path.basename(file, path.extname(file)));
  return ['nlu', 'domain', 'data', 'question'].includes(name) ? 'faq' : name;
}

function relativeTo(p: Problem, cwd: string): Problem {
  return { ...p, file: relative(p.file, cwd) };
}

function relative(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
