import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/report.ts';
import { readCoreConfig } from '../../src/config.ts';
import type { Log } from '../../src/log.ts';
import type { RecordedEvent } from '../../src/recording/events.ts';
import {
  POSTGRES_SCHEMA_VERSION,
  PostgresSchemaTooNewError,
  readPostgresRecords,
} from '../../src/recording/postgres-database.ts';
import { PostgresRecorder } from '../../src/recording/postgres-recorder.ts';
import { hashUser } from '../../src/recording/privacy.ts';
import { EVENT_TABLES, SCHEMA_VERSION } from '../../src/recording/schema.ts';
import { tempDir } from '../unit/knowledge-helpers.ts';
import { PASTED_TOKEN, SEED_EVENTS, SEED_NOW, SEED_SALT, seedRecordings } from '../unit/recording-seed.ts';
import { closedPort, DATABASE_URL, dropSchema, runId, sql, TcpRelay } from './shared-backends.ts';
import { until } from './slack-stand-in.ts';

const DAY_MS = 24 * 3_600_000;
const NOW = Date.parse('2024-06-30T12:00:00Z');
/** Every schema this file creates, dropped at the end: runs never see each other's rows. */
const schemas: string[] = [];
const recorders: PostgresRecorder[] = [];

afterAll(async () => {
  for (const r of recorders) await r.close();
  for (const schema of schemas) await dropSchema(schema);
  const left = await sql<{ n: string }>(
    'SELECT count(*) AS n FROM information_schema.schemata WHERE schema_name = ANY($1)',
    [schemas],
  );
  expect(left[0]?.n).toBe('0');
});

function freshSchema(): string {
  const schema = runId();
  schemas.push(schema);
  return schema;
}

function capturingLog() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message?: string }> = [];
  const log: Log = {
    info: (fields, message) => lines.push({ level: 'info', fields: { ...fields }, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields: { ...fields }, message }),
    error: (fields, message) => lines.push({ level: 'error', fields: { ...fields }, message }),
  };
  return { log, lines };
}

async function open(
  schema: string,
  extra: Partial<Parameters<typeof PostgresRecorder.open>[0]> = {},
): Promise<PostgresRecorder> {
  const recorder = await PostgresRecorder.open({
    postgres: { url: DATABASE_URL, schema, queueLimit: 10_000 },
    textMode: 'redacted',
    retentionDays: 90,
    now: () => NOW,
    ...extra,
  });
  recorders.push(recorder);
  return recorder;
}

function asked(question: string, user = 'v:visitor', at = new Date(NOW)): RecordedEvent {
  return {
    type: 'question',
    at,
    context: { channel: 'web', conversation: 'web', user },
    question,
    outcome: 'answer',
    entryId: 'what-is-a-cgroup',
    confidence: 0.9,
    latencyMs: 1.5,
  };
}

const tablesOf = async (schema: string) =>
  (
    await sql<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    )
  ).map((t) => t.table_name);

const count = async (schema: string, table = 'questions') =>
  Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`, [], schema))[0]?.n);

describe('the PostgreSQL recording schema', () => {
  it('is created in its own schema at the current version, once, by replicas starting together', async () => {
    const schema = freshSchema();
    const [a, b] = await Promise.all([open(schema), open(schema)]);
    expect([a.status().state, b.status().state]).toEqual(['up', 'up']);
    const meta = await sql<{ value: string }>(
      "SELECT value FROM meta WHERE key = 'schema_version'",
      [],
      schema,
    );
    expect(meta).toEqual([{ value: String(POSTGRES_SCHEMA_VERSION) }]);
    expect(await tablesOf(schema)).toEqual(['choices', 'feedback', 'meta', 'questions', 'shares']);
  });

  it("has the SQLite store's tables and versions: every kind of event goes to both", () => {
    expect(POSTGRES_SCHEMA_VERSION).toBe(SCHEMA_VERSION);
    expect([...EVENT_TABLES, 'meta'].sort()).toEqual(['choices', 'feedback', 'meta', 'questions', 'shares']);
  });

  it('upgrades a schema written before shares were recorded, keeping its rows', async () => {
    const schema = freshSchema();
    const first = await open(schema);
    first.record(asked('asked before the upgrade'));
    await first.close();
    await sql('DROP TABLE shares', [], schema);
    await sql("UPDATE meta SET value = '1' WHERE key = 'schema_version'", [], schema);
    const recorder = await open(schema);
    recorder.record({
      type: 'share',
      at: new Date(NOW),
      context: { channel: 'web', conversation: 'web', user: 'v:visitor' },
      question: 'what is a cgroup',
      entryId: 'what-is-a-cgroup',
    });
    await recorder.flush();
    expect(await sql('SELECT value FROM meta WHERE key = $1', ['schema_version'], schema)).toEqual([
      { value: String(POSTGRES_SCHEMA_VERSION) },
    ]);
    expect(await sql('SELECT question FROM questions', [], schema)).toEqual([
      { question: 'asked before the upgrade' },
    ]);
    expect(await sql('SELECT question, entry_id FROM shares', [], schema)).toEqual([
      { question: 'what is a cgroup', entry_id: 'what-is-a-cgroup' },
    ]);
  });

  it('refuses a schema written by a newer Berth, naming where', async () => {
    const schema = freshSchema();
    await (await open(schema)).close();
    await sql("UPDATE meta SET value = '99' WHERE key = 'schema_version'", [], schema);
    const config = { url: DATABASE_URL, schema, queueLimit: 10 };
    await expect(readPostgresRecords(config, new Date(0), new Date())).rejects.toThrow(
      PostgresSchemaTooNewError,
    );
    await expect(readPostgresRecords(config, new Date(0), new Date())).rejects.toThrow(
      new RegExp(`schema ${schema}\\): recording schema version 99 is newer`),
    );
  });
});

describe('PostgresRecorder', () => {
  it('shares one generated salt: a person hashes the same on every replica, and only the hash is stored', async () => {
    const schema = freshSchema();
    const [a, b] = await Promise.all([open(schema), open(schema)]);
    a.record(asked('via replica a', 'U0SAMEPERSON'));
    b.record(asked('via replica b', 'U0SAMEPERSON'));
    await Promise.all([a.flush(), b.flush()]);
    const [salt] = await sql<{ value: string }>(
      "SELECT value FROM meta WHERE key = 'asker_salt'",
      [],
      schema,
    );
    const askers = await sql<{ asker: string }>('SELECT DISTINCT asker FROM questions', [], schema);
    expect(askers).toEqual([{ asker: hashUser(String(salt?.value), 'web', 'U0SAMEPERSON') }]);
    expect(JSON.stringify(await sql('SELECT * FROM questions', [], schema))).not.toContain('U0SAMEPERSON');
  });

  it('redacts question and comment text as the SQLite store does', async () => {
    const schema = freshSchema();
    const recorder = await open(schema);
    recorder.record(asked(`why is ${PASTED_TOKEN} rejected`));
    recorder.record({
      type: 'feedback',
      at: new Date(NOW),
      context: { channel: 'slack', conversation: 'dm', user: 'U1' },
      entryId: 'what-is-a-cgroup',
      helpful: false,
      comment: 'mail me at someone@corp.example',
    });
    await recorder.flush();
    expect(await sql('SELECT question FROM questions', [], schema)).toEqual([
      { question: 'why is [token] rejected' },
    ]);
    expect(await sql('SELECT helpful, comment FROM feedback', [], schema)).toEqual([
      { helpful: false, comment: 'mail me at [email]' },
    ]);
  });

  it('purges rows older than the retention period when it opens', async () => {
    const schema = freshSchema();
    const seeding = await open(schema, { retentionDays: 3650 });
    const old = new Date(NOW - 91 * DAY_MS);
    seeding.record(asked('old', 'x', old));
    seeding.record(asked('recent', 'x', new Date(NOW - 89 * DAY_MS)));
    const context = { channel: 'web', conversation: 'web', user: 'x' };
    seeding.record({ type: 'feedback', at: old, context, entryId: 'a', helpful: true });
    seeding.record({ type: 'choice', at: old, context, question: 'q', entryId: 'a' });
    seeding.record({ type: 'share', at: old, context, question: 'q', entryId: 'a' });
    await seeding.close();
    const counts = () => Promise.all(['feedback', 'choices', 'shares'].map((table) => count(schema, table)));
    expect(await counts()).toEqual([1, 1, 1]);
    const { log, lines } = capturingLog();
    await open(schema, { retentionDays: 90, log });
    expect(await sql('SELECT question FROM questions', [], schema)).toEqual([{ question: 'recent' }]);
    expect(await counts()).toEqual([0, 0, 0]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'recording: purged old rows',
        fields: { removed: 4, retentionDays: 90 },
      }),
    );
  });

  it('feeds berth report exactly what the SQLite store feeds it', async () => {
    const schema = freshSchema();
    const recorder = await open(schema, { salt: SEED_SALT, retentionDays: 3650, now: () => SEED_NOW });
    for (const event of SEED_EVENTS) recorder.record(event);
    await recorder.flush();
    const file = path.join(tempDir('berth-pg-report-'), 'berth.db');
    await seedRecordings(file);
    const args = ['--since', '2024-05-01', '--format', 'json'];
    const fromSqlite = await report(readCoreConfig({ RECORDING_DB: file }), args);
    const fromPostgres = await report(readCoreConfig({ DATABASE_URL, DATABASE_SCHEMA: schema }), args);
    expect(fromSqlite.code).toBe(0);
    expect(fromPostgres).toEqual(fromSqlite);
    expect(JSON.parse(fromPostgres.stdout).totals.questions).toBe(
      SEED_EVENTS.filter((e) => e.type === 'question').length,
    );
  });

  it('says when PostgreSQL holds no recordings yet, and when it cannot be reached', async () => {
    const empty = await report(readCoreConfig({ DATABASE_URL, DATABASE_SCHEMA: freshSchema() }), []);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(
      /^berth report: no recordings at postgres:\/\/127\.0\.0\.1:5432\/test \(schema/,
    );
    const url = `postgres://postgres:not-shown@127.0.0.1:${await closedPort()}/test`;
    const down = await report(readCoreConfig({ DATABASE_URL: url }), []);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /^berth report: cannot read postgres:\/\/127\.0\.0\.1:\d+\/test \(schema public\): .*ECONNREFUSED/,
    );
    expect(down.stderr).not.toContain('not-shown');
  });
});

describe('PostgresRecorder when PostgreSQL cannot be reached', () => {
  it('at start-up: does not hold Berth up, queues up to the bound, then drops and counts', async () => {
    const { log, lines } = capturingLog();
    const started = Date.now();
    const recorder = await PostgresRecorder.open({
      postgres: {
        url: `postgres://postgres@127.0.0.1:${await closedPort()}/test`,
        schema: 'public',
        queueLimit: 3,
      },
      textMode: 'redacted',
      retentionDays: 90,
      log,
    });
    recorders.push(recorder);
    expect(Date.now() - started).toBeLessThan(3_500);
    for (let i = 0; i < 5; i++) recorder.record(asked(`question ${i}`));
    await recorder.flush();
    expect(recorder.status()).toMatchObject({ kind: 'postgresql', state: 'down', queued: 3, dropped: 2 });
    expect(recorder.status().problem).toMatch(/ECONNREFUSED/);
    expect(lines.map((l) => `${l.level}: ${l.message}`)).toEqual([
      'warn: recording: cannot reach PostgreSQL; queueing events in memory until it is back (retrying)',
      'error: recording: the queue for PostgreSQL is full; dropping new events (counted) until it is back',
    ]);
  });

  it('mid-run: queues while it is away and writes the queue once it is back, by itself', async () => {
    const schema = freshSchema();
    const relay = await TcpRelay.start({ host: '127.0.0.1', port: 5432 });
    const { log, lines } = capturingLog();
    const recorder = await open(schema, {
      postgres: { url: relay.url(DATABASE_URL), schema, queueLimit: 100 },
      log,
    });
    recorder.record(asked('before'));
    await recorder.flush();
    expect(await count(schema)).toBe(1);

    await relay.cut();
    for (let i = 0; i < 5; i++) recorder.record(asked(`while away ${i}`));
    await until(() => recorder.status().state === 'down');
    expect(recorder.status()).toMatchObject({ queued: 5, dropped: 0 });
    expect(await count(schema)).toBe(1);

    await relay.restore();
    await until(() => recorder.status().state === 'up' && recorder.status().queued === 0);
    expect(await count(schema)).toBe(6);
    expect(lines.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        'recording: lost PostgreSQL; queueing events in memory until it is back (retrying)',
        'recording: PostgreSQL is back; writing the queued events',
      ]),
    );
    await relay.cut();
  }, 30_000);
});

async function report(config: ReturnType<typeof readCoreConfig>, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdin: process.stdin,
    stdout: Object.assign(new PassThrough(), { isTTY: false }),
    stderr: new PassThrough(),
  };
  io.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  io.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const code = await reportCommand(config, args, io, { now: () => SEED_NOW, cwd: process.cwd() });
  return { code, stdout, stderr };
}
