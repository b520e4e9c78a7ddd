import { afterAll, describe, expect, it } from 'vitest';
import { openAutoAnswerStore } from '../../src/auto-answer/open-store.ts';
import { PostgresAutoAnswerStore } from '../../src/auto-answer/postgres-store.ts';
import type { SeenPost } from '../../src/auto-answer/store.ts';
import { SILENT_LOG } from '../../src/log.ts';
import { readPostgresRecords } from '../../src/recording/postgres-database.ts';
import { PostgresRecorder } from '../../src/recording/postgres-recorder.ts';
import { closedPort, DATABASE_URL, dropSchema, runId, sql } from './shared-backends.ts';
import { SlackWorld } from './slack-driver.ts';
import { eventPayload } from './slack-requests.ts';

// Automatic answering's state in the real PostgreSQL (DATABASE_URL), as two replicas share it.

const NOW = Date.parse('2024-06-30T12:00:00Z');
const HELP = { channel: 'chat', place: 'C0HELP01' };
const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const schemas: string[] = [];
const stores: PostgresAutoAnswerStore[] = [];

afterAll(async () => {
  for (const store of stores) await store.close();
  for (const schema of schemas) await dropSchema(schema);
});

function freshSchema(): string {
  const schema = runId();
  schemas.push(schema);
  return schema;
}

async function open(schema: string, url = DATABASE_URL): Promise<PostgresAutoAnswerStore> {
  const store = await PostgresAutoAnswerStore.open({
    postgres: { url, schema, queueLimit: 10_000 },
    textMode: 'redacted',
    retentionDays: 90,
    now: () => NOW,
  });
  stores.push(store);
  return store;
}

const seen = (thread: string, outcome: SeenPost['outcome']): SeenPost => ({
  ...HELP,
  thread,
  at: new Date(NOW),
  text: `docker login ${TOKEN} fails`,
  outcome,
  entryId: outcome === 'answering' ? 'private-registry-login' : null,
  confidence: 0.93,
});

describe('automatic answers in PostgreSQL', () => {
  it('shares place settings and the ledger between replicas: one reply per thread across both', async () => {
    const schema = freshSchema();
    const [one, two] = [await open(schema), await open(schema)];
    await one.savePlace(
      HELP,
      { watched: true, quiet: { from: 1080, to: 480, timeZone: 'UTC' } },
      new Date(NOW),
    );
    expect(await two.place(HELP)).toEqual({ watched: true, quiet: { from: 1080, to: 480, timeZone: 'UTC' } });
    await two.savePlace(HELP, { watched: false }, new Date(NOW));
    expect(await one.place(HELP)).toEqual({ watched: false });
    const claims = await Promise.all([
      one.claim(seen('t1', 'answering')),
      two.claim(seen('t1', 'answering')),
    ]);
    expect(claims.sort()).toEqual([false, true]);
  });

  it('keeps an answered post redacted, an unanswered one without text, the thread only as a hash', async () => {
    const schema = freshSchema();
    const store = await open(schema);
    await store.claim(seen('1717000000.000100', 'answering'));
    await store.settle({ ...HELP, thread: '1717000000.000100' }, 'answered', `docker login ${TOKEN} fails`);
    await store.claim(seen('1717000000.000200', 'not-sure'));
    const rows = await sql('SELECT outcome, question, thread_key FROM channel_posts ORDER BY id', [], schema);
    expect(rows.map((r) => [r.outcome, r.question])).toEqual([
      ['answered', 'docker login [token] fails'],
      ['not-sure', null],
    ]);
    expect(JSON.stringify(rows)).not.toContain('1717000000');
  });

  it('records the first verdict only, and berth report reads the posts next to the recordings', async () => {
    const schema = freshSchema();
    const store = await open(schema);
    const recorder = await PostgresRecorder.open({
      postgres: { url: DATABASE_URL, schema, queueLimit: 10 },
      textMode: 'redacted',
      retentionDays: 90,
    });
    await recorder.close();
    const thread = { ...HELP, thread: 'a' };
    await store.claim(seen('a', 'answering'));
    await store.settle(thread, 'answered', 'q');
    expect(await store.verdict(thread, 'human', new Date(NOW))).toBe('first');
    expect(await store.verdict(thread, 'solved', new Date(NOW))).toBe('again');
    expect(await store.verdict({ ...HELP, thread: 'nope' }, 'solved', new Date(NOW))).toBe('unknown');
    const config = { url: DATABASE_URL, schema, queueLimit: 10 };
    const records = await readPostgresRecords(config, new Date(NOW - 1000), new Date(NOW + 1000));
    expect(records.posts).toEqual([
      { at: NOW, outcome: 'answered', entryId: 'private-registry-login', verdict: 'human' },
    ]);
  });

  it('starts while PostgreSQL is away, fails calls (the service stays silent) and works once it is back', async () => {
    const port = await closedPort();
    const away = await open(freshSchema(), `postgres://postgres@127.0.0.1:${port}/test`);
    await expect(away.place(HELP)).rejects.toThrow();
    const store = await openAutoAnswerStore(
      {
        enabled: true,
        dbPath: '/nonexistent/berth.db',
        textMode: 'redacted',
        retentionDays: 90,
        postgres: { url: DATABASE_URL, schema: freshSchema(), queueLimit: 10 },
      },
      SILENT_LOG,
    );
    expect(store).toBeInstanceOf(PostgresAutoAnswerStore);
    await store.close();
  });
});

describe('Slack with two replicas on one PostgreSQL', () => {
  const schema = freshSchema();
  const env = { DATABASE_URL, DATABASE_SCHEMA: schema };
  const [a, b] = [new SlackWorld('http'), new SlackWorld('http')];
  afterAll(async () => {
    await a.stop();
    await b.stop();
  });

  it('answers on one replica in a channel watched through the other', async () => {
    const storeA = await open(schema);
    const storeB = await open(schema);
    await a.start(env, { autoAnswerStore: storeA });
    await b.start(env, { autoAnswerStore: storeB });
    await a.command('watch', 'C0SHARED1');
    const ts = '1700020000.000100';
    await b.deliver(
      eventPayload('event-message-channel', {
        channel: 'C0SHARED1',
        ts,
        event_ts: ts,
        text: 'how do I limit the memory of a container?',
      }),
    );
    expect(b.postsTo('C0SHARED1', ts)).toHaveLength(1);
  });
});
