import type { RecordingConfig } from '../config.ts';
import { type Log, SILENT_LOG } from '../log.ts';
import { askerSalt, type Database, openRecordingDatabase } from '../recording/database.ts';
import { storedPostText, threadKey } from './rows.ts';
import { migrateAutoAnswer } from './sqlite-schema.ts';
import type { AutoAnswerStore, SeenPost, VerdictRecorded } from './store.ts';
import type { PlaceRef, PlaceSettings, PostOutcomeName, ThreadRef, Verdict } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Like the recorder: another process holding the lock longer than this fails the call (logged by the service). */
const WRITE_WAIT_MS = 250;

export interface SqliteAutoAnswerStoreOptions extends Omit<RecordingConfig, 'enabled' | 'dbPath'> {
  file: string;
  log?: Log;
  now?: () => number;
}

/**
 * Automatic answering's state in the recording database (SQLite, RECORDING_DB): place settings
 * survive a restart, and the ledger of threads is shared by every process using the file.
 */
export class SqliteAutoAnswerStore implements AutoAnswerStore {
  private readonly salt: string;
  private readonly purgeTimer: NodeJS.Timeout;
  private readonly now: () => number;

  private constructor(
    private readonly db: Database,
    private readonly options: SqliteAutoAnswerStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.salt = askerSalt(db, options.salt);
    this.purge();
    this.purgeTimer = setInterval(() => this.purge(), DAY_MS).unref();
  }

  /** Opens (creating and migrating) the database at `options.file`; throws if it cannot. */
  static open(options: SqliteAutoAnswerStoreOptions): SqliteAutoAnswerStore {
    const db = openRecordingDatabase(options.file, { busyTimeoutMs: WRITE_WAIT_MS });
    try {
      migrateAutoAnswer(db);
      return new SqliteAutoAnswerStore(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async place(ref: PlaceRef): Promise<PlaceSettings | undefined> {
    const row = this.db
      .prepare(
        'SELECT watched, quiet_from, quiet_to, time_zone FROM watched_places WHERE channel = ? AND place = ?',
      )
      .get(ref.channel, ref.place) as PlaceRow | undefined;
    if (!row) return undefined;
    const quiet =
      row.quiet_from !== null && row.quiet_to !== null && row.time_zone !== null
        ? { from: row.quiet_from, to: row.quiet_to, timeZone: row.time_zone }
        : undefined;
    return { watched: row.watched === 1, ...(quiet ? { quiet } : {}) };
  }

  async savePlace(ref: PlaceRef, settings: PlaceSettings, at: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO watched_places (channel, place, watched, quiet_from, quiet_to, time_zone, changed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        ref.channel,
        ref.place,
        settings.watched ? 1 : 0,
        settings.quiet?.from ?? null,
        settings.quiet?.to ?? null,
        settings.quiet?.timeZone ?? null,
        at.getTime(),
      );
  }

  async claim(post: SeenPost): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `INSERT OR IGNORE INTO channel_posts (at, channel, thread_key, question, outcome, entry_id, confidence)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        post.at.getTime(),
        post.channel,
        threadKey(this.salt, post),
        storedPostText(post.text, post.outcome, this.options.textMode),
        post.outcome,
        post.entryId,
        post.confidence,
      );
    return changes === 1;
  }

  async settle(ref: ThreadRef, outcome: PostOutcomeName, text: string): Promise<void> {
    this.db
      .prepare('UPDATE channel_posts SET outcome = ?, question = ? WHERE thread_key = ?')
      .run(outcome, storedPostText(text, outcome, this.options.textMode), threadKey(this.salt, ref));
  }

  async verdict(ref: ThreadRef, verdict: Verdict, at: Date): Promise<VerdictRecorded> {
    const key = threadKey(this.salt, ref);
    return this.db
      .transaction((): VerdictRecorded => {
        const row = this.db
          .prepare('SELECT outcome, verdict FROM channel_posts WHERE thread_key = ?')
          .get(key) as { outcome: string; verdict: string | null } | undefined;
        if (row?.outcome !== 'answered') return 'unknown';
        if (row.verdict !== null) return 'again';
        this.db
          .prepare('UPDATE channel_posts SET verdict = ?, verdict_at = ? WHERE thread_key = ?')
          .run(verdict, at.getTime(), key);
        return 'first';
      })
      .immediate();
  }

  /** Deletes ledger rows older than the retention period; returns how many went. Never throws. */
  purge(): number {
    const cutoff = this.now() - this.options.retentionDays * DAY_MS;
    try {
      return this.db.prepare('DELETE FROM channel_posts WHERE at < ?').run(cutoff).changes;
    } catch (err) {
      (this.options.log ?? SILENT_LOG).error({ err }, 'automatic answers: purge failed');
      return 0;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.purgeTimer);
    if (this.db.open) this.db.close();
  }
}

interface PlaceRow {
  watched: number;
  quiet_from: number | null;
  quiet_to: number | null;
  time_zone: string | null;
}
