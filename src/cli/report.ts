import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CoreConfig, describeUrl } from '../config.ts';
import { loadKnowledgeOrThrow } from '../knowledge/knowledge-base.ts';
import { NoRecordingsError, openRecordingDatabase } from '../recording/database.ts';
import { reportHtml } from '../report/html.ts';
import type { Records } from '../report/records.ts';
import { readRecords } from '../report/records.ts';
import { buildReport, MIN_USERS } from '../report/report.ts';
import { reportText } from '../report/text.ts';
import { describeProblem } from '../store-status.ts';
import { type CliIo, parseArgs, writeLine } from './io.ts';

const FORMATS = ['text', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];
const DEFAULT_SINCE = '30d';
const USAGE =
  'usage: berth report [--since 7d|24h|2w|2024-05-01] [--format text|json|html] [--min-users 3] [--db path] [--out file]';

export interface ReportCommandOptions {
  now?: () => number;
  cwd?: string;
}

/**
 * `berth report`: what people asked, what Berth could not answer, which answers disappointed,
 * and new alternate phrasings to paste into the knowledge. Reads the recording database: the
 * SQLite file, or PostgreSQL when DATABASE_URL is set (and no `--db` names a file).
 */
export async function reportCommand(
  config: CoreConfig,
  args: readonly string[],
  io: CliIo,
  options: ReportCommandOptions = {},
): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const until = new Date(options.now?.() ?? Date.now());
  const { flags } = parseArgs(args, ['since', 'format', 'min-users', 'db', 'out']);
  const since = parseSince(String(flags.get('since') ?? DEFAULT_SINCE), until);
  const format = String(flags.get('format') ?? 'text');
  const minUsers = parseMinUsers(String(flags.get('min-users') ?? MIN_USERS));
  if (!since || !isFormat(format) || minUsers === undefined) {
    writeLine(io.stderr, USAGE);
    return 2;
  }
  const dbFlag = flags.get('db');
  const file = typeof dbFlag === 'string' ? path.resolve(cwd, dbFlag) : config.recording.dbPath;
  const postgres = typeof dbFlag === 'string' ? undefined : config.recording.postgres;
  let records: Records;
  try {
    if (postgres) {
      const { readPostgresRecords } = await import('../recording/postgres-database.ts');
      records = await readPostgresRecords(postgres, since, until);
    } else {
      const db = openRecordingDatabase(file, { mustExist: true });
      try {
        records = readRecords(db, since, until);
      } finally {
        db.close();
      }
    }
  } catch (error) {
    // Missing, newer-schema or unreadable file (or unreachable database): say which and why, no stack trace.
    const reason = describeProblem(error);
    const source = postgres ? `${describeUrl(postgres.url)} (schema ${postgres.schema})` : file;
    writeLine(
      io.stderr,
      `berth report: ${error instanceof NoRecordingsError ? reason : `cannot read ${source}: ${reason}`}`,
    );
    return 1;
  }
  const kb = loadKnowledgeOrThrow(config.knowledgeDirs);
  const report = buildReport(records, kb, { since, until, cwd, minUsers });
  const output =
    format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : format === 'html'
        ? reportHtml(report)
        : reportText(report);
  const out = flags.get('out');
  if (typeof out === 'string') {
    writeFileSync(path.resolve(cwd, out), output);
    writeLine(io.stderr, `berth report: wrote ${out}`);
  } else io.stdout.write(output);
  return 0;
}

/** `7d`, `24h`, `2w` before `until`, or a date `2024-05-01` (UTC midnight). Undefined when malformed. */
export function parseSince(text: string, until: Date): Date | undefined {
  const relative = /^(\d{1,4})([hdw])$/.exec(text);
  if (relative) {
    const hours = { h: 1, d: 24, w: 24 * 7 }[relative[2] as 'h' | 'd' | 'w'];
    return new Date(until.getTime() - Number(relative[1]) * hours * 3_600_000);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const date = new Date(`${text}T00:00:00Z`);
    return Number.isNaN(date.getTime()) || date >= until ? undefined : date;
  }
  return undefined;
}

/** `--min-users`: a whole number from 1 (a trial with one person) to 1000. */
function parseMinUsers(text: string): number | undefined {
  const n = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  return n >= 1 && n <= 1000 ? n : undefined;
}

function isFormat(text: string): text is Format {
  return (FORMATS as readonly string[]).includes(text);
}
