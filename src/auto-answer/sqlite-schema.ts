import type { Database } from 'better-sqlite3';

/**
 * Automatic answering's tables, kept in the recording database file next to the recordings but
 * versioned on their own (`meta.auto_answer_schema`), so the recordings' migrations and these
 * never depend on each other. Appended, never edited. `watched_places` holds each place's
 * settings (never purged); `channel_posts` one row per thread seen in a watched place, keyed by a
 * salted hash of where it was (so a row cannot be traced back to a message or its author), purged
 * with the recordings.
 */
export const AUTO_ANSWER_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE watched_places (
    channel TEXT NOT NULL,
    place TEXT NOT NULL,
    watched INTEGER NOT NULL,
    quiet_from INTEGER,
    quiet_to INTEGER,
    time_zone TEXT,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (channel, place)
  ) STRICT;
  CREATE TABLE channel_posts (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    thread_key TEXT NOT NULL UNIQUE,
    question TEXT,
    outcome TEXT NOT NULL,
    entry_id TEXT,
    confidence REAL,
    verdict TEXT,
    verdict_at INTEGER
  ) STRICT;
  CREATE INDEX channel_posts_at ON channel_posts (at);
  `,
];

const VERSION_KEY = 'auto_answer_schema';

/** A database whose automatic-answering tables were written by a newer Berth. */
export class AutoAnswerSchemaTooNewError extends Error {
  constructor(file: string, found: number) {
    super(
      `${file}: automatic-answer schema version ${found} is newer than this Berth knows (${AUTO_ANSWER_MIGRATIONS.length})`,
    );
    this.name = 'AutoAnswerSchemaTooNewError';
  }
}

/** Applies the migrations `db` has not run, in one IMMEDIATE transaction (two processes migrate once). */
export function migrateAutoAnswer(db: Database): void {
  const target = AUTO_ANSWER_MIGRATIONS.length;
  if (autoAnswerVersion(db) === target) return;
  db.transaction(() => {
    const current = autoAnswerVersion(db);
    if (current > target) throw new AutoAnswerSchemaTooNewError(db.name, current);
    for (let v = current; v < target; v++) db.exec(AUTO_ANSWER_MIGRATIONS[v] ?? '');
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(VERSION_KEY, String(target));
  }).immediate();
}

/** How many of the migrations `db` has run (0 for a database that never had automatic answers). */
export function autoAnswerVersion(db: Database): number {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(VERSION_KEY) as
    | { value: string }
    | undefined;
  return Number(row?.value ?? 0);
}
