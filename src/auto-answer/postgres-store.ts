import type { Pool } from 'pg';
import type { PostgresConfig, RecordingConfig } from '../config.ts';
import { type Log, SILENT_LOG } from '../log.ts';
import {
  connectPool,
  describePostgres,
  inTransaction,
  postgresSalt,
} from '../recording/postgres-database.ts';
import { storedPostText, threadKey } from './rows.ts';
import type { AutoAnswerStore, SeenPost, VerdictRecorded } from './store.ts';
import type { PlaceRef, PlaceSettings, PostOutcomeName, ThreadRef, Verdict } from './types.ts';

/**
 * The SQLite tables of automatic answering (sqlite-schema.ts), column for column, in the
 * recordings' PostgreSQL schema, versioned on their own (`meta.auto_answer_schema`). Appended,
 * never edited.
 */
export const AUTO_ANSWER_POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE watched_places (
    channel TEXT NOT NULL,
    place TEXT NOT NULL,
    watched BOOLEAN NOT NULL,
    quiet_from INTEGER,
    quiet_to INTEGER,
    time_zone TEXT,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (channel, place)
  );
  CREATE TABLE channel_posts (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    channel TEXT NOT NULL,
    thread_key TEXT NOT NULL UNIQUE,
    question TEXT,
    outcome TEXT NOT NULL,
    entry_id TEXT,
    confidence DOUBLE PRECISION,
    verdict TEXT,
    verdict_at BIGINT
  );
  CREATE INDEX channel_posts_at ON channel_posts (at);
  `,
];

const DAY_MS = 24 * 60 * 60 * 1000;
const VERSION_KEY = 'auto_answer_schema';

export interface PostgresAutoAnswerStoreOptions
  extends Omit<RecordingConfig, 'enabled' | 'dbPath' | 'postgres'> {
  postgres: PostgresConfig;
  log?: Log;
  now?: () => number;
}

/**
 * Automatic answering's state in PostgreSQL (DATABASE_URL), shared by every replica: a place
 * watched on one is watched on all, and a thread answered by one is never answered by another.
 * The schema is prepared on first use and again after a failure, so Berth starts while the
 * database is away; until it is back, calls fail and the service stays silent (logged).
 */
export class PostgresAutoAnswerStore implements AutoAnswerStore {
  private ready: Promise<string> | undefined;
  private readonly purgeTimer: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly log: Log;

  private constructor(
    private readonly pool: Pool,
    private readonly options: PostgresAutoAnswerStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? SILENT_LOG;
    // An idle connection that dies is reported here; the next query reconnects.
    pool.on('error', () => undefined);
    this.purgeTimer = setInterval(() => void this.purge(), DAY_MS).unref();
  }

  /** A pool for `options.postgres`; the schema is prepared now if the database answers, else on first use. */
  static async open(options: PostgresAutoAnswerStoreOptions): Promise<PostgresAutoAnswerStore> {
    const store = new PostgresAutoAnswerStore(await connectPool(options.postgres), options);
    await store.salt().then(
      () => store.purge(),
      (err: unknown) =>
        store.log.warn(
          { err, store: describePostgres(options.postgres) },
          'automatic answers: PostgreSQL not reachable yet; watched channels are read once it is',
        ),
    );
    return store;
  }

  async place(ref: PlaceRef): Promise<PlaceSettings | undefined> {
    await this.salt();
    const { rows } = await this.pool.query<{
      watched: boolean;
      quiet_from: number | null;
      quiet_to: number | null;
      time_zone: string | null;
    }>(
      'SELECT watched, quiet_from, quiet_to, time_zone FROM watched_places WHERE channel = $1 AND place = $2',
      [ref.channel, ref.place],
    );
    const row = rows[0];
    if (!row) return undefined;
    const { quiet_from: from, quiet_to: to, time_zone: timeZone } = row;
    const quiet = from !== null && to !== null && timeZone !== null ? { from, to, timeZone } : undefined;
    return { watched: row.watched, ...(quiet ? { quiet } : {}) };
  }

  async savePlace(ref: PlaceRef, settings: PlaceSettings, at: Date): Promise<void> {
    await this.salt();
    const { quiet } = settings;
    await this.pool.query(
      `INSERT INTO watched_places (channel, place, watched, quiet_from, quiet_to, time_zone, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (channel, place) DO UPDATE SET watched = EXCLUDED.watched, quiet_from = EXCLUDED.quiet_from,
         quiet_to = EXCLUDED.quiet_to, time_zone = EXCLUDED.time_zone, changed_at = EXCLUDED.changed_at`,
      [
        ref.channel,
        ref.place,
        settings.watched,
        quiet?.from ?? null,
        quiet?.to ?? null,
        quiet?.timeZone ?? null,
        at.getTime(),
      ],
    );
  }

  async claim(post: SeenPost): Promise<boolean> {
    const salt = await this.salt();
    const { rowCount } = await this.pool.query(
      `INSERT INTO channel_posts (at, channel, thread_key, question, outcome, entry_id, confidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (thread_key) DO NOTHING`,
      [
        post.at.getTime(),
        post.channel,
        threadKey(salt, post),
        storedPostText(post.text, post.outcome, this.options.textMode),
        post.outcome,
        post.entryId,
        post.confidence,
      ],
    );
    return rowCount === 1;
  }

  async settle(ref: ThreadRef, outcome: PostOutcomeName, text: string): Promise<void> {
    const salt = await this.salt();
    await this.pool.query('UPDATE channel_posts SET outcome = $1, question = $2 WHERE thread_key = $3', [
      outcome,
      storedPostText(text, outcome, this.options.textMode),
      threadKey(salt, ref),
    ]);
  }

  async verdict(ref: ThreadRef, verdict: Verdict, at: Date): Promise<VerdictRecorded> {
    const key = threadKey(await this.salt(), ref);
    const set = await this.pool.query(
      `UPDATE channel_posts SET verdict = $1, verdict_at = $2
       WHERE thread_key = $3 AND outcome = 'answered' AND verdict IS NULL`,
      [verdict, at.getTime(), key],
    );
    if (set.rowCount === 1) return 'first';
    const { rows } = await this.pool.query<{ outcome: string }>(
      'SELECT outcome FROM channel_posts WHERE thread_key = $1',
      [key],
    );
    return rows[0]?.outcome === 'answered' ? 'again' : 'unknown';
  }

  /** Deletes ledger rows older than the retention period; returns how many went. Never throws. */
  async purge(): Promise<number> {
    const cutoff = this.now() - this.options.retentionDays * DAY_MS;
    try {
      await this.salt();
      return (await this.pool.query('DELETE FROM channel_posts WHERE at < $1', [cutoff])).rowCount ?? 0;
    } catch (err) {
      this.log.error({ err }, 'automatic answers: purge failed');
      return 0;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.pool.end().catch(() => undefined);
  }

  /** Prepares the schema once (again after a failure) and resolves with the salt of the thread keys. */
  private salt(): Promise<string> {
    this.ready ??= this.prepare().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async prepare(): Promise<string> {
    const { schema } = this.options.postgres;
    const target = AUTO_ANSWER_POSTGRES_MIGRATIONS.length;
    await inTransaction(this.pool, async (client) => {
      // The recordings' lock: their migration and this one never run at once.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`berth-migrate:${schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      const { rows } = await client.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [
        VERSION_KEY,
      ]);
      const current = Number(rows[0]?.value ?? 0);
      if (current > target)
        throw new Error(
          `${describePostgres(this.options.postgres)}: automatic-answer schema version ${current} is newer than this Berth knows (${target})`,
        );
      for (let v = current; v < target; v++) await client.query(AUTO_ANSWER_POSTGRES_MIGRATIONS[v] ?? '');
      await client.query(
        'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
        [VERSION_KEY, String(target)],
      );
    });
    return postgresSalt(this.pool, this.options.salt);
  }
}
