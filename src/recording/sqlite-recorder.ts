import type { Statement } from 'better-sqlite3';
import type { RecordingConfig } from '../config.ts';
import { type Log, SILENT_LOG } from '../log.ts';
import { askerSalt, type Database, openRecordingDatabase, purgeBefore } from './database.ts';
import { NO_RECORDER, type RecordedEvent, type Recorder } from './events.ts';
import { type EventRow, type RowPolicy, toRow } from './rows.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Writes run on the event loop: another process holding the lock longer than this loses a batch
 * (logged) rather than stall replies. Only a second writer on the same file can hold it. */
const WRITE_WAIT_MS = 250;
/** A failing database logs at most one error per this long (plus a count of what was lost). */
const ERROR_LOG_INTERVAL_MS = 60_000;

export interface SqliteRecorderOptions extends Omit<RecordingConfig, 'enabled' | 'dbPath'> {
  file: string;
  log?: Log;
  now?: () => number;
}

/**
 * Records events into SQLite off the reply path: `record` only queues; the queue is written in
 * one transaction on the next turn of the event loop. A failing write is logged and its events
 * dropped; answering never waits for, or fails because of, the database.
 */
export class SqliteRecorder implements Recorder {
  private pending: RecordedEvent[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly statements = new Map<string, Statement>();
  private readonly purgeTimer: NodeJS.Timeout;
  private readonly policy: RowPolicy;
  private readonly log: Log;
  private readonly now: () => number;
  private closed = false;
  private lost = 0;
  private lastErrorAt = Number.NEGATIVE_INFINITY;

  private constructor(
    private readonly db: Database,
    private readonly options: SqliteRecorderOptions,
  ) {
    this.log = options.log ?? SILENT_LOG;
    this.now = options.now ?? Date.now;
    this.policy = { salt: askerSalt(db, options.salt), textMode: options.textMode };
    this.purge();
    this.purgeTimer = setInterval(() => this.purge(), DAY_MS).unref();
  }

  /** Opens (creating and migrating) the database at `options.file`; throws if it cannot. */
  static open(options: SqliteRecorderOptions): SqliteRecorder {
    const db = openRecordingDatabase(options.file, { busyTimeoutMs: WRITE_WAIT_MS });
    try {
      return new SqliteRecorder(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  record(event: RecordedEvent): void {
    if (this.closed) return;
    this.pending.push(event);
    this.scheduled ??= setImmediate(() => this.write());
  }

  /** Writes everything queued; resolves once it is committed (or logged as lost). */
  async flush(): Promise<void> {
    this.write();
  }

  /** Deletes rows older than the retention period; returns how many went. Never throws. */
  purge(): number {
    const cutoff = new Date(this.now() - this.options.retentionDays * DAY_MS);
    try {
      const removed = purgeBefore(this.db, cutoff);
      if (removed > 0)
        this.log.info({ removed, retentionDays: this.options.retentionDays }, 'recording: purged old rows');
      return removed;
    } catch (err) {
      this.log.error({ err }, 'recording: purge failed');
      return 0;
    }
  }

  /** Flushes, stops the daily purge and closes the database. Later events are ignored. */
  close(): void {
    if (this.closed) return;
    this.write();
    this.closed = true;
    clearInterval(this.purgeTimer);
    this.db.close();
  }

  private write(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending.length === 0 || this.closed) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.db.transaction((rows: EventRow[]) => {
        for (const row of rows) this.insert(row);
      })(batch.map((event) => toRow(event, this.policy)));
    } catch (err) {
      this.lost += batch.length;
      this.reportLoss(err);
    }
  }

  private insert(row: EventRow): void {
    const columns = Object.keys(row.values);
    const key = `${row.table}:${columns.join(',')}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const names = columns.join(', ');
      const params = columns.map((c) => `@${c}`).join(', ');
      statement = this.db.prepare(`INSERT INTO ${row.table} (${names}) VALUES (${params})`);
      this.statements.set(key, statement);
    }
    statement.run(row.values);
  }

  private reportLoss(err: unknown): void {
    const at = this.now();
    if (at - this.lastErrorAt < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorAt = at;
    this.log.error(
      { err, lostEvents: this.lost },
      'recording: could not write to the database; events lost, Berth keeps answering',
    );
    this.lost = 0;
  }
}

/** A recorder Berth's server can close on shutdown. */
export interface ClosableRecorder extends Recorder {
  close(): void;
}

/**
 * Recording as configured: SQLite, or nothing when RECORDING is off or the database cannot be
 * opened (logged; Berth still answers).
 */
export function createRecorder(config: RecordingConfig, log: Log): ClosableRecorder {
  const none = { ...NO_RECORDER, close() {} };
  if (!config.enabled) {
    log.info({}, 'recording is off (RECORDING=off)');
    return none;
  }
  try {
    const recorder = SqliteRecorder.open({ ...config, file: config.dbPath, log });
    log.info({ db: config.dbPath, questionText: config.textMode }, 'recording questions for berth report');
    return recorder;
  } catch (err) {
    log.error(
      { err, db: config.dbPath },
      'recording: cannot open the database; Berth answers without recording',
    );
    return none;
  }
}
