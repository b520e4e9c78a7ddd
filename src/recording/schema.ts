import type { Database } from 'better-sqlite3';

/**
 * The recording schema, one migration per version. A migration is only ever appended, never
 * edited: databases in use have already run the earlier ones. `PRAGMA user_version` holds the
 * number of migrations applied. Times are milliseconds since the epoch (UTC); `asker` is the
 * salted hash of channel + user id (see privacy.ts), never the id itself.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    conversation TEXT NOT NULL,
    asker TEXT,
    question TEXT,
    outcome TEXT NOT NULL,
    entry_id TEXT,
    confidence REAL NOT NULL,
    latency_ms REAL NOT NULL
  ) STRICT;
  CREATE INDEX questions_at ON questions (at);
  CREATE INDEX questions_asker ON questions (asker, at);
  CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    conversation TEXT NOT NULL,
    asker TEXT,
    entry_id TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT
  ) STRICT;
  CREATE INDEX feedback_at ON feedback (at);
  CREATE TABLE choices (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    conversation TEXT NOT NULL,
    asker TEXT,
    question TEXT,
    entry_id TEXT NOT NULL
  ) STRICT;
  CREATE INDEX choices_at ON choices (at);
  `,
  `
  CREATE TABLE shares (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    channel TEXT NOT NULL,
    conversation TEXT NOT NULL,
    asker TEXT,
    question TEXT,
    entry_id TEXT NOT NULL
  ) STRICT;
  CREATE INDEX shares_at ON shares (at);
  `,
  // Parity with PostgreSQL (where a retried batch may repeat events): a key column, unused here,
  // so both stores keep one schema version.
  ['questions', 'feedback', 'choices', 'shares']
    .map(
      (t) =>
        `ALTER TABLE ${t} ADD COLUMN event_key TEXT; CREATE UNIQUE INDEX ${t}_event_key ON ${t} (event_key);`,
    )
    .join('\n'),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The tables that hold events (everything but `meta`), for purging and counting. */
export const EVENT_TABLES = ['questions', 'feedback', 'choices', 'shares'] as const;

/** A database written by a newer Berth than this one. */
export class SchemaTooNewError extends Error {
  constructor(file: string, found: number) {
    super(`${file}: recording schema version ${found} is newer than this Berth knows (${SCHEMA_VERSION})`);
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Applies the migrations `db` has not run yet. One IMMEDIATE transaction that reads the version
 * inside it: two Berth processes starting on one file together migrate it once, not twice.
 */
export function migrate(db: Database): void {
  const version = () => Number(db.pragma('user_version', { simple: true }));
  if (version() === SCHEMA_VERSION) return; // the usual case: no write lock taken
  db.transaction(() => {
    const current = version();
    if (current > SCHEMA_VERSION) throw new SchemaTooNewError(db.name, current);
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v] ?? '');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
