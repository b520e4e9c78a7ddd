import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { newSalt } from './privacy.ts';
import { EVENT_TABLES, migrate } from './schema.ts';

export type { Database };

/** `berth report` pointed at a database that does not exist yet. */
export class NoRecordingsError extends Error {
  constructor(readonly file: string) {
    super(
      `no recordings at ${file}: start Berth (npm start), ask a few questions, then run the report again`,
    );
    this.name = 'NoRecordingsError';
  }
}

/**
 * Opens (creating folder and file unless `mustExist`) and migrates the recording database.
 * `busyTimeoutMs`: how long a write waits for another process's lock before failing.
 * WAL journal: readers (`berth report`) never block the writer, and a commit survives the
 * process being killed. synchronous=NORMAL is the WAL setting that keeps every commit through a
 * crash of the process; only a power cut can lose the last few, never corrupt the file.
 */
export function openRecordingDatabase(
  file: string,
  options: { mustExist?: boolean; busyTimeoutMs?: number } = {},
): Database {
  if (options.mustExist && !existsSync(file)) throw new NoRecordingsError(file);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const SALT_KEY = 'asker_salt';

/**
 * The key for user-id hashes: the configured one, else the one kept in the database (generated
 * on first use). Never logged.
 */
export function askerSalt(db: Database, configured?: string): string {
  if (configured) return configured;
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(SALT_KEY) as
    | { value: string }
    | undefined;
  if (row) return row.value;
  const salt = newSalt();
  // INSERT OR IGNORE + re-read: two processes starting together agree on one salt.
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(SALT_KEY, salt);
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(SALT_KEY) as { value: string }).value;
}

/** Deletes events recorded before `cutoff`; returns how many rows went. */
export function purgeBefore(db: Database, cutoff: Date): number {
  const at = cutoff.getTime();
  return db.transaction(() => {
    let removed = 0;
    for (const table of EVENT_TABLES)
      removed += db.prepare(`DELETE FROM ${table} WHERE at < ?`).run(at).changes;
    return removed;
  })();
}
