import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatQnaMakerTsv } from '../import/qnamaker-export.ts';
import { readLayers } from '../knowledge/load.ts';
import { errorsOf, formatProblem } from '../knowledge/problems.ts';
import { type CliIo, parseArgs, writeLine } from './io.ts';

const USAGE = 'usage: berth export --format qnamaker <dir> [--out file.tsv]';

/**
 * `berth export --format qnamaker <dir>`: the entries of one knowledge directory as a QnA Maker /
 * custom question answering TSV, on stdout or in `--out`. `berth import` reads it back into the
 * same entries. Exits 1 when the directory has errors, 2 on usage errors.
 */
export function exportCommand(args: readonly string[], io: CliIo, cwd = process.cwd()): number {
  const { flags, words } = parseArgs(args, ['format', 'out']);
  const [dir] = words;
  const usage = usageError(flags, words);
  if (usage || dir === undefined) {
    writeLine(io.stderr, `berth export: ${usage}\n${USAGE}`);
    return 2;
  }
  const raw = readLayers([dir]);
  const errors = errorsOf(raw.problems);
  if (errors.length > 0) {
    for (const p of errors)
      writeLine(io.stderr, formatProblem({ ...p, file: path.relative(cwd, p.file) || p.file }));
    writeLine(io.stderr, `berth export: ${errors.length} error(s) in ${dir}; nothing exported`);
    return 1;
  }
  const entries = [...raw.entries.values()];
  const tsv = formatQnaMakerTsv(entries);
  const out = flags.get('out');
  if (typeof out === 'string') {
    writeFileSync(out, tsv);
    writeLine(io.stderr, `exported ${entries.length} entries to ${out}`);
  } else io.stdout.write(tsv);
  return 0;
}

function usageError(flags: ReadonlyMap<string, string | true>, words: readonly string[]): string | undefined {
  const format = flags.get('format') ?? 'qnamaker';
  if (format !== 'qnamaker') return '--format must be qnamaker';
  const [dir] = words;
  if (dir === undefined || words.length > 1) return 'give one knowledge directory';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `no such directory: ${dir}`;
  if (flags.has('out') && typeof flags.get('out') !== 'string') return '--out needs a file name';
  return undefined;
}
