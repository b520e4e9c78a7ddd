import path from 'node:path';
import { PACKAGE_ROOT } from '../lib/package-root.ts';
import { DEFAULT_THRESHOLDS, type Thresholds } from './answer/decide.ts';
import { DEFAULT_CACHE_DIR } from './knowledge/cache.ts';
import { FITTED_AUTO_ANSWER_THRESHOLD } from './match/reranker-weights.ts';
import { TEXT_MODES, type TextMode } from './recording/privacy.ts';

/** The knowledge that ships with Berth: `<repo>/knowledge`. */
export const BUILTIN_KNOWLEDGE_DIR = path.join(PACKAGE_ROOT, 'knowledge');

export type Env = Readonly<Record<string, string | undefined>>;

/** A configuration value that is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, expected: string, got?: string) {
    super(`${variable}: expected ${expected}${got === undefined ? '' : `, got "${got}"`}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** Typed access to environment variables; every failure names the variable and what was expected. */
export class EnvReader {
  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : fallback;
  }

  number(name: string, fallback: number, range: { min: number; max: number; integer?: boolean }): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    const ok =
      Number.isFinite(value) &&
      value >= range.min &&
      value <= range.max &&
      (!range.integer || Number.isInteger(value));
    if (!ok)
      throw new ConfigError(
        name,
        `${range.integer ? 'an integer' : 'a number'} from ${range.min} to ${range.max}`,
        raw,
      );
    return value;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw))
      throw new ConfigError(name, `one of ${allowed.join(', ')}`, raw);
    return raw as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    throw new ConfigError(name, 'true or false', raw);
  }

  /** A list separated by the platform's path delimiter (`:` on Linux and macOS). */
  paths(name: string, cwd: string): string[] {
    const raw = this.string(name);
    if (!raw) return [];
    return raw
      .split(path.delimiter)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => path.resolve(cwd, p));
  }
}

/** What the core needs: where knowledge lives, how sure to be, who to escalate to. */
export interface CoreConfig {
  /** Built-in knowledge first, then each of KNOWLEDGE_DIRS (later layers override earlier ones). */
  knowledgeDirs: string[];
  thresholds: Thresholds;
  /** Empty: use the knowledge's own `escalation` message. */
  escalation: string;
  /**
   * Confidence needed to answer unasked in a watched channel (AUTO_ANSWER_THRESHOLD); by default
   * the one `npm run fit` chose on the development questions for 97% precision.
   */
  autoAnswerThreshold: number;
  recording: RecordingConfig;
  /**
   * Where parsed knowledge and its index texts are cached between starts (BERTH_CACHE_DIR; `off`:
   * none); by default node_modules/.cache/berth. Undefined: no cache.
   */
  cacheDir?: string;
}

/** What Berth records for `berth report`, and how privately (see docs/improving-knowledge.md). */
export interface RecordingConfig {
  enabled: boolean;
  /** The SQLite database, created with its folder on first use. */
  dbPath: string;
  /** How question and comment text is stored: verbatim, with secrets removed, or not at all. */
  textMode: TextMode;
  /** Rows older than this are deleted at start-up and daily. */
  retentionDays: number;
  /** Key for the user-id hashes; when unset, one is generated and kept in the database. */
  salt?: string;
  /** DATABASE_URL set: record into PostgreSQL (shared by every replica) instead of the SQLite file. */
  postgres?: PostgresConfig;
}

/** Where recordings go when several replicas share them (docs/scaling.md). */
export interface PostgresConfig {
  /** `postgres://user:password@host:5432/database`; never logged as is (see `describeUrl`). */
  url: string;
  /** The schema Berth's tables live in (created if missing). */
  schema: string;
  /** Events kept in memory while PostgreSQL is unreachable; beyond this they are dropped and counted. */
  queueLimit: number;
}

export const RECORDING_DEFAULTS = {
  dbPath: 'data/berth.db',
  textMode: 'redacted',
  retentionDays: 90,
} as const satisfies Partial<RecordingConfig>;

/** Reads the core's settings from an environment. Pure: the entry point passes the process environment. */
export function readCoreConfig(env: Env, cwd = process.cwd()): CoreConfig {
  const read = new EnvReader(env);
  const unit = { min: 0, max: 1 };
  const thresholds = {
    answer: read.number('ANSWER_THRESHOLD', DEFAULT_THRESHOLDS.answer, unit),
    clarify: read.number('CLARIFY_THRESHOLD', DEFAULT_THRESHOLDS.clarify, unit),
    margin: read.number('CLARIFY_MARGIN', DEFAULT_THRESHOLDS.margin, unit),
  };
  if (thresholds.clarify > thresholds.answer) {
    throw new ConfigError(
      'CLARIFY_THRESHOLD',
      `at most ANSWER_THRESHOLD (${thresholds.answer})`,
      String(thresholds.clarify),
    );
  }
  return {
    knowledgeDirs: [BUILTIN_KNOWLEDGE_DIR, ...read.paths('KNOWLEDGE_DIRS', cwd)],
    thresholds,
    escalation: read.string('ESCALATION_CONTACT', '') ?? '',
    autoAnswerThreshold: read.number('AUTO_ANSWER_THRESHOLD', FITTED_AUTO_ANSWER_THRESHOLD, unit),
    recording: readRecordingConfig(read, cwd),
    cacheDir: readCacheDir(read, cwd),
  };
}

function readCacheDir(read: EnvReader, cwd: string): string | undefined {
  const raw = read.string('BERTH_CACHE_DIR');
  if (raw === undefined) return DEFAULT_CACHE_DIR;
  return raw.toLowerCase() === 'off' ? undefined : path.resolve(cwd, raw);
}

function readRecordingConfig(read: EnvReader, cwd: string): RecordingConfig {
  const salt = read.string('RECORDING_SALT');
  if (salt !== undefined && salt.length < 16)
    throw new ConfigError('RECORDING_SALT', 'at least 16 characters', '(too short; value not shown)');
  return {
    enabled: read.boolean('RECORDING', true),
    ...readPostgresConfig(read),
    dbPath: path.resolve(cwd, read.string('RECORDING_DB', RECORDING_DEFAULTS.dbPath)!),
    textMode: read.oneOf<TextMode>('RECORDING_QUESTION_TEXT', RECORDING_DEFAULTS.textMode, TEXT_MODES),
    retentionDays: read.number('RECORDING_RETENTION_DAYS', RECORDING_DEFAULTS.retentionDays, {
      min: 1,
      max: 3650,
      integer: true,
    }),
    salt,
  };
}

const POSTGRES_DEFAULTS = { schema: 'public', queueLimit: 10_000 } as const;

/** DATABASE_URL (postgres:// or postgresql://), DATABASE_SCHEMA, RECORDING_QUEUE_LIMIT; nothing when unset. */
function readPostgresConfig(read: EnvReader): { postgres?: PostgresConfig } {
  const url = read.string('DATABASE_URL');
  if (url === undefined) return {};
  if (!/^postgres(?:ql)?:\/\/[^\s]+$/i.test(url))
    throw new ConfigError(
      'DATABASE_URL',
      'a URL like postgres://user:password@host:5432/berth (value not shown)',
    );
  const schema = read.string('DATABASE_SCHEMA', POSTGRES_DEFAULTS.schema)!;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new ConfigError(
      'DATABASE_SCHEMA',
      'a lower-case name of letters, digits and _ (e.g. berth)',
      schema,
    );
  const queueLimit = read.number('RECORDING_QUEUE_LIMIT', POSTGRES_DEFAULTS.queueLimit, {
    min: 0,
    max: 1_000_000,
    integer: true,
  });
  return { postgres: { url, schema, queueLimit } };
}

/**
 * A connection URL as it may be shown (logs, /readyz, the banner): scheme, host, port and
 * database or number, never the user name or password.
 * Example: describeUrl('postgres://berth:s3cret@db:5432/berth') -> 'postgres://db:5432/berth'
 */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
