import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ConfigError, readCoreConfig } from '../../src/config.ts';
import type { Log } from '../../src/log.ts';
import { openRecordingDatabase } from '../../src/recording/database.ts';
import type { RecordedEvent } from '../../src/recording/events.ts';
import { MIGRATIONS, SCHEMA_VERSION, SchemaTooNewError } from '../../src/recording/schema.ts';
import { createRecorder, SqliteRecorder } from '../../src/recording/sqlite-recorder.ts';
import { tempDir } from './knowledge-helpers.ts';

const DAY_MS = 24 * 3_600_000;
const NOW = Date.parse('2024-06-30T12:00:00Z');

function asked(question: string, at = new Date(NOW)): RecordedEvent {
  return {
    type: 'question',
    at,
    context: { channel: 'web', conversation: 'web', user: 'v:visitor' },
    question,
    outcome: 'answer',
    entryId: 'what-is-a-cgroup',
    confidence: 0.9,
    latencyMs: 1.5,
  };
}

/** A Log that keeps what it is told. */
function capturingLog() {
  const lines: Array<{ level: string; fields: object; message?: string }> = [];
  const log: Log = {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => lines.push({ level: 'error', fields, message }),
  };
  return { log, lines };
}

const dbFile = () => path.join(tempDir('berth-store-'), 'nested', 'dir', 'berth.db');
const count = (file: string, table = 'questions') => {
  const db = new BetterSqlite3(file, { readonly: true });
  const { n } = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  db.close();
  return n;
};
const open = (file: string, extra: Partial<Parameters<typeof SqliteRecorder.open>[0]> = {}) =>
  SqliteRecorder.open({ file, textMode: 'full', retentionDays: 90, now: () => NOW, ...extra });

describe('the recording database', () => {
  it('is created with its folders, in WAL mode, at the current schema version', () => {
    const file = dbFile();
    open(file).close();
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('migrates idempotently and refuses a database from a newer Berth', () => {
    const file = dbFile();
    openRecordingDatabase(file).close();
    openRecordingDatabase(file).close();
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openRecordingDatabase(file)).toThrow(SchemaTooNewError);
  });

  it('upgrades a database written before shares were recorded, keeping its rows', () => {
    const file = dbFile();
    // A database as the first version of Berth left it: the first migration only.
    mkdirSync(path.dirname(file), { recursive: true });
    const older = new BetterSqlite3(file);
    older.exec(MIGRATIONS[0] ?? '');
    older.pragma('user_version = 1');
    older.prepare("INSERT INTO meta (key, value) VALUES ('kept', 'yes')").run();
    older.close();
    openRecordingDatabase(file).close();
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'kept'").get()).toEqual({ value: 'yes' });
    expect(count(file, 'shares')).toBe(0);
    db.close();
  });
});

describe('SqliteRecorder', () => {
  it('writes off the reply path: nothing during record, everything on the next turn', async () => {
    const file = dbFile();
    const recorder = open(file);
    recorder.record(asked('first'));
    recorder.record(asked('second'));
    expect(count(file)).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(count(file)).toBe(2);
    recorder.close();
  });

  it('flush writes what is pending; close flushes and later events are ignored', async () => {
    const file = dbFile();
    const recorder = open(file);
    recorder.record(asked('pending'));
    await recorder.flush();
    expect(count(file)).toBe(1);
    recorder.record(asked('at close'));
    recorder.close();
    recorder.record(asked('after close'));
    await recorder.flush();
    expect(count(file)).toBe(2);
  });

  it('logs a database error without throwing, and keeps recording once the database is back', async () => {
    const file = dbFile();
    const { log, lines } = capturingLog();
    const recorder = open(file, { log });
    const other = new BetterSqlite3(file);
    other.exec('ALTER TABLE questions RENAME TO questions_away');
    expect(() => recorder.record(asked('SECRET-QUESTION-TEXT'))).not.toThrow();
    await expect(recorder.flush()).resolves.toBeUndefined();
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/events lost, Berth keeps answering/);
    expect(errors[0]?.fields).toMatchObject({ lostEvents: 1 });
    expect(JSON.stringify(lines)).not.toContain('SECRET-QUESTION-TEXT');
    other.exec('ALTER TABLE questions_away RENAME TO questions');
    other.close();
    recorder.record(asked('kept'));
    recorder.close();
    expect(count(file)).toBe(1);
  });

  it('purges rows older than the retention period when it opens, and on demand', async () => {
    const file = dbFile();
    const old = new Date(NOW - 91 * DAY_MS);
    const recent = new Date(NOW - 89 * DAY_MS);
    const seeding = open(file, { retentionDays: 3650 });
    seeding.record(asked('old', old));
    seeding.record(asked('recent', recent));
    seeding.record({
      type: 'feedback',
      at: old,
      context: { channel: 'web', conversation: 'web', user: 'x' },
      entryId: 'a',
      helpful: true,
    });
    seeding.record({
      type: 'choice',
      at: old,
      context: { channel: 'web', conversation: 'web', user: 'x' },
      question: 'q',
      entryId: 'a',
    });
    seeding.record({
      type: 'share',
      at: old,
      context: { channel: 'slack', conversation: 'slash', user: 'U1' },
      question: 'q',
      entryId: 'a',
    });
    seeding.close();
    const counts = () => ['questions', 'feedback', 'choices', 'shares'].map((table) => count(file, table));
    expect(counts()).toEqual([2, 1, 1, 1]);

    let now = NOW;
    const { log, lines } = capturingLog();
    const recorder = open(file, { retentionDays: 90, now: () => now, log });
    expect(counts()).toEqual([1, 0, 0, 0]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'recording: purged old rows',
        fields: { removed: 4, retentionDays: 90 },
      }),
    );
    now += 2 * DAY_MS; // a daily purge later: "recent" is now 91 days old
    expect(recorder.purge()).toBe(1);
    expect(count(file)).toBe(0);
    recorder.close();
  });
});

describe('createRecorder', () => {
  it('records nothing when RECORDING=off', async () => {
    const file = dbFile();
    const { log } = capturingLog();
    const recorder = createRecorder(
      { ...readCoreConfig({ RECORDING: 'off', RECORDING_DB: file }).recording },
      log,
    );
    recorder.record(asked('x'));
    await recorder.flush();
    recorder.close();
    expect(() => count(file)).toThrow();
  });

  it('answers without recording when the database cannot be opened, and says why', () => {
    const { log, lines } = capturingLog();
    const blocked = path.join(tempDir('berth-store-'), 'berth.db');
    openRecordingDatabase(blocked).close();
    const recorder = createRecorder(
      readCoreConfig({ RECORDING_DB: path.join(blocked, 'inside-a-file.db') }).recording,
      log,
    );
    expect(() => recorder.record(asked('x'))).not.toThrow();
    expect(lines.find((l) => l.level === 'error')?.message).toMatch(/cannot open the database/);
  });
});

describe('recording configuration', () => {
  it('defaults: on, data/berth.db under the working directory, redacted text, 90 days, generated salt', () => {
    expect(readCoreConfig({}, '/srv/berth').recording).toEqual({
      enabled: true,
      dbPath: '/srv/berth/data/berth.db',
      textMode: 'redacted',
      retentionDays: 90,
      salt: undefined,
    });
  });

  it('reads every variable and names the malformed one', () => {
    const env = {
      RECORDING: 'false',
      RECORDING_DB: '/var/lib/berth/rec.db',
      RECORDING_QUESTION_TEXT: 'off',
      RECORDING_RETENTION_DAYS: '30',
      RECORDING_SALT: 'a-long-enough-salt-value',
    };
    expect(readCoreConfig(env).recording).toEqual({
      enabled: false,
      dbPath: '/var/lib/berth/rec.db',
      textMode: 'off',
      retentionDays: 30,
      salt: 'a-long-enough-salt-value',
    });
    expect(() => readCoreConfig({ RECORDING_QUESTION_TEXT: 'some' })).toThrow(
      /RECORDING_QUESTION_TEXT: expected one of full, redacted, off/,
    );
    expect(() => readCoreConfig({ RECORDING_RETENTION_DAYS: '0' })).toThrow(ConfigError);
    expect(() => readCoreConfig({ RECORDING: 'maybe' })).toThrow(/RECORDING: expected true or false/);
    const short = messageOf(() => readCoreConfig({ RECORDING_SALT: 'shortsalt' }));
    expect(short).toMatch(/^RECORDING_SALT: expected at least 16 characters/);
    expect(short).not.toContain('shortsalt');
  });
});

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return '(no error)';
}
