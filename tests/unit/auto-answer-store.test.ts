import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openAutoAnswerStore } from '../../src/auto-answer/open-store.ts';
import { storedPostText } from '../../src/auto-answer/rows.ts';
import { AUTO_ANSWER_MIGRATIONS, AutoAnswerSchemaTooNewError } from '../../src/auto-answer/sqlite-schema.ts';
import { SqliteAutoAnswerStore } from '../../src/auto-answer/sqlite-store.ts';
import { MemoryAutoAnswerStore, type SeenPost } from '../../src/auto-answer/store.ts';
import type { TextMode } from '../../src/recording/privacy.ts';
import { SqliteRecorder } from '../../src/recording/sqlite-recorder.ts';
import { tempDir } from './knowledge-helpers.ts';

const NOW = Date.parse('2024-06-30T12:00:00Z');
const DAY_MS = 24 * 3_600_000;
const HELP = { channel: 'chat', place: 'C0HELPDESK' };
const TOKEN = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

const dbFile = () => path.join(tempDir('berth-auto-'), 'berth.db');
const open = (file: string, textMode: TextMode = 'redacted', now = NOW) =>
  SqliteAutoAnswerStore.open({ file, textMode, retentionDays: 90, now: () => now });
const seen = (thread: string, outcome: SeenPost['outcome'], at = new Date(NOW)): SeenPost => ({
  ...HELP,
  thread,
  at,
  text: `why does my build fail with ${TOKEN}?`,
  outcome,
  entryId: outcome === 'answering' ? 'build-fails' : null,
  confidence: 0.9,
});
const rows = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM channel_posts ORDER BY id').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

describe('automatic answers in the recording database', () => {
  it('keeps place settings across a restart', async () => {
    const file = dbFile();
    const first = open(file);
    await first.savePlace(
      HELP,
      { watched: true, quiet: { from: 1080, to: 480, timeZone: 'UTC' } },
      new Date(),
    );
    await first.savePlace({ ...HELP, place: 'C0OTHER' }, { watched: false }, new Date());
    await first.close();
    const again = open(file);
    expect(await again.place(HELP)).toEqual({
      watched: true,
      quiet: { from: 1080, to: 480, timeZone: 'UTC' },
    });
    expect(await again.place({ ...HELP, place: 'C0OTHER' })).toEqual({ watched: false });
    expect(await again.place({ ...HELP, place: 'C0NEVER' })).toBeUndefined();
    await again.close();
  });

  it('claims a thread once, ever, even from another process on the same file', async () => {
    const file = dbFile();
    const one = open(file);
    const two = open(file);
    expect(await one.claim(seen('1717000000.000100', 'answering'))).toBe(true);
    expect(await two.claim(seen('1717000000.000100', 'not-sure'))).toBe(false);
    expect(await two.claim(seen('1717000000.000200', 'not-sure'))).toBe(true);
    await one.close();
    await two.close();
    expect(rows(file).map((r) => r.outcome)).toEqual(['answering', 'not-sure']);
  });

  it('stores where a post was only as a salted hash: no place or thread id in the file', async () => {
    const file = dbFile();
    const store = open(file);
    await store.claim(seen('1717000000.000100', 'answering'));
    await store.close();
    expect(rows(file)[0]?.thread_key).toMatch(/^[0-9a-f]{32}$/);
    const bytes = readFileSync(file).toString('latin1');
    expect(bytes).not.toContain('1717000000.000100');
  });

  it('keeps the text of answered posts as RECORDING_QUESTION_TEXT says, of the others only when "full"', async () => {
    expect(storedPostText(`fails with ${TOKEN}`, 'answered', 'redacted')).toBe('fails with [token]');
    expect(storedPostText(`fails with ${TOKEN}`, 'answered', 'off')).toBeNull();
    expect(storedPostText('lunch anyone?', 'not-sure', 'redacted')).toBeNull();
    expect(storedPostText('lunch anyone?', 'not-sure', 'full')).toBe('lunch anyone?');
    const file = dbFile();
    const store = open(file);
    await store.claim(seen('a', 'answering'));
    await store.settle({ ...HELP, thread: 'a' }, 'answered', seen('a', 'answered').text);
    await store.claim(seen('b', 'answering'));
    await store.settle({ ...HELP, thread: 'b' }, 'person-replied-first', seen('b', 'answered').text);
    await store.claim(seen('c', 'not-a-question'));
    await store.close();
    expect(rows(file).map((r) => [r.outcome, r.question])).toEqual([
      ['answered', 'why does my build fail with [token]?'],
      ['person-replied-first', null],
      ['not-a-question', null],
    ]);
  });

  it('records the first verdict on an answered thread, and only on one', async () => {
    const store = open(dbFile());
    const thread = { ...HELP, thread: 'a' };
    await store.claim(seen('a', 'answering'));
    expect(await store.verdict(thread, 'human', new Date(NOW))).toBe('unknown');
    await store.settle(thread, 'answered', 'q');
    expect(await store.verdict(thread, 'human', new Date(NOW))).toBe('first');
    expect(await store.verdict(thread, 'solved', new Date(NOW))).toBe('again');
    expect(await store.verdict({ ...HELP, thread: 'zz' }, 'solved', new Date(NOW))).toBe('unknown');
    await store.close();
  });

  it('purges posts older than the retention period, never place settings', async () => {
    const file = dbFile();
    const store = open(file);
    await store.savePlace(HELP, { watched: true }, new Date(NOW - 400 * DAY_MS));
    await store.claim(seen('old', 'not-sure', new Date(NOW - 91 * DAY_MS)));
    await store.claim(seen('new', 'not-sure', new Date(NOW - DAY_MS)));
    expect(store.purge()).toBe(1);
    expect(await store.place(HELP)).toEqual({ watched: true });
    await store.close();
  });

  it('shares the file with the recorder, versioned on its own', async () => {
    const file = dbFile();
    SqliteRecorder.open({ file, textMode: 'redacted', retentionDays: 90 }).close();
    await open(file).close();
    const db = new BetterSqlite3(file);
    const version = db.prepare("SELECT value FROM meta WHERE key = 'auto_answer_schema'").get();
    expect(version).toEqual({ value: String(AUTO_ANSWER_MIGRATIONS.length) });
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'auto_answer_schema'").run();
    db.close();
    expect(() => open(file)).toThrow(AutoAnswerSchemaTooNewError);
  });

  it('is in memory when recording is off, said in the log', async () => {
    const lines: string[] = [];
    const log = { info: (_f: object, m?: string) => void lines.push(m ?? ''), warn() {}, error() {} };
    const store = await openAutoAnswerStore(
      { enabled: false, dbPath: dbFile(), textMode: 'redacted', retentionDays: 90 },
      log,
    );
    expect(store).toBeInstanceOf(MemoryAutoAnswerStore);
    expect(lines.join('\n')).toContain('AUTO_ANSWER_CHANNELS');
  });
});
