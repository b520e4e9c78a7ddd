import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import { tempDir } from './knowledge-helpers.ts';

const CHILD = path.resolve(import.meta.dirname, '../fixtures/recording/durability-child.ts');
/** Kill once this many events are acknowledged: enough that the kill lands mid-stream. */
const KILL_AFTER = 2000;

it('survives SIGKILL mid-write: the database opens cleanly and holds every acknowledged event', async () => {
  const file = path.join(tempDir('berth-durable-'), 'berth.db');
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: number[] = [];
  let partial = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) acknowledged.push(Number(line));
    if (acknowledged.length >= KILL_AFTER && child.exitCode === null && !child.killed) child.kill('SIGKILL');
  });
  const signal = await exited;
  expect(stderr).toBe('');
  expect(signal).toBe('SIGKILL');
  expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

  const db = new BetterSqlite3(file);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const stored = new Set(
    (db.prepare('SELECT question FROM questions').all() as Array<{ question: string }>).map(
      (r) => r.question,
    ),
  );
  const missing = acknowledged.filter((n) => !stored.has(`event ${n}`));
  expect(missing).toEqual([]);
  db.close();
}, 60_000);
