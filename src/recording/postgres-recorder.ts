import type { Pool } from 'pg';
import type { PostgresConfig, RecordingConfig } from '../config.ts';
import { type Log, SILENT_LOG } from '../log.ts';
import { describeProblem, type StoreStatus } from '../store-status.ts';
import type { RecordedEvent, Recorder } from './events.ts';
import {
  connectPool,
  describePostgres,
  insertRows,
  migratePostgres,
  postgresSalt,
  purgePostgres,
} from './postgres-database.ts';
import { type RowPolicy, toRow } from './rows.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Events per INSERT transaction. */
const BATCH = 500;
/** Start-up waits this long for the database before serving (recordings queue meanwhile). */
const START_WAIT_MS = 3_000;
/** Shutdown waits at most this long for the last write (the process must exit within its grace period). */
const CLOSE_WAIT_MS = 3_000;
/** Reconnection back-off: 500 ms doubling up to 15 s, for as long as Berth runs. */
const retryDelay = (attempt: number) => Math.min(500 * 2 ** attempt, 15_000);

export interface PostgresRecorderOptions extends Omit<RecordingConfig, 'enabled' | 'dbPath' | 'postgres'> {
  postgres: PostgresConfig;
  log?: Log;
  now?: () => number;
}

/**
 * Records into PostgreSQL, shared by every replica, off the reply path. `record` only queues. While
 * the database is unreachable (at start-up or later) events wait in memory, at most
 * `queueLimit` of them; later ones are dropped and counted. Reconnection is automatic, and the
 * queue is written once the database is back. Answering never waits for, or fails because of, it.
 */
export class PostgresRecorder implements Recorder {
  private queue: RecordedEvent[] = [];
  private policy: RowPolicy | undefined;
  private state: 'connecting' | 'up' | 'down' = 'connecting';
  private since = new Date();
  private problem: string | undefined;
  private dropped = 0;
  private droppedInOutage = 0;
  private writing: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private closed = false;
  private readonly purgeTimer: NodeJS.Timeout;
  private readonly log: Log;
  private readonly now: () => number;

  private constructor(
    private readonly pool: Pool,
    private readonly options: PostgresRecorderOptions,
  ) {
    this.log = options.log ?? SILENT_LOG;
    this.now = options.now ?? Date.now;
    // An idle connection that dies is reported here; the next write notices and reconnects.
    pool.on('error', (error) => this.failed(error));
    this.purgeTimer = setInterval(() => void this.purge(), DAY_MS).unref();
  }

  /** Connects, migrates and reads the salt, waiting at most START_WAIT_MS; never throws for an unreachable database. */
  static async open(options: PostgresRecorderOptions): Promise<PostgresRecorder> {
    const recorder = new PostgresRecorder(await connectPool(options.postgres), options);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, START_WAIT_MS);
    });
    await Promise.race([recorder.connect(), waited]);
    clearTimeout(timer);
    return recorder;
  }

  record(event: RecordedEvent): void {
    if (this.closed) return;
    if (this.queue.length >= this.options.postgres.queueLimit) {
      this.drop();
      return;
    }
    this.queue.push(event);
    this.kick();
  }

  /** Writes what is queued if the database is reachable; resolves once written (or known unwritable). */
  async flush(): Promise<void> {
    this.kick();
    await this.writing;
  }

  /** Flushes (waiting at most CLOSE_WAIT_MS), stops retrying and closes the pool. What could not be written is logged with its count. */
  async close(): Promise<void> {
    if (this.closed) return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_WAIT_MS);
    });
    await Promise.race([this.flush(), waited]);
    clearTimeout(timer);
    this.closed = true;
    clearInterval(this.purgeTimer);
    clearTimeout(this.retryTimer);
    if (this.queue.length > 0 || this.droppedInOutage > 0)
      this.log.error(
        { store: 'postgresql', unwritten: this.queue.length, dropped: this.droppedInOutage },
        'recording: PostgreSQL unreachable at shutdown; these events were not recorded',
      );
    this.queue = [];
    // A write still hanging on a dead connection must not keep the process alive.
    void this.pool.end().catch(() => undefined);
  }

  /** Deletes rows older than the retention period; returns how many went. Never throws. */
  async purge(): Promise<number> {
    if (this.state !== 'up') return 0;
    const cutoff = new Date(this.now() - this.options.retentionDays * DAY_MS);
    try {
      const removed = await purgePostgres(this.pool, cutoff);
      if (removed > 0)
        this.log.info({ removed, retentionDays: this.options.retentionDays }, 'recording: purged old rows');
      return removed;
    } catch (error) {
      this.log.error({ problem: describeProblem(error) }, 'recording: purge failed');
      return 0;
    }
  }

  status(): StoreStatus {
    return {
      kind: 'postgresql',
      state: this.state,
      location: describePostgres(this.options.postgres),
      since: this.since.toISOString(),
      ...(this.problem && this.state !== 'up' ? { problem: this.problem } : {}),
      queued: this.queue.length,
      dropped: this.dropped,
    };
  }

  /** Migrates and reads the salt (first time), then writes the queue; on failure, retries later. */
  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.closed) return;
    try {
      if (!this.policy) {
        await migratePostgres(this.pool, this.options.postgres);
        const salt = await postgresSalt(this.pool, this.options.salt);
        this.policy = { salt, textMode: this.options.textMode };
        this.up();
        await this.purge();
      } else {
        await this.pool.query('SELECT 1');
        this.up();
      }
      this.kick();
      await this.writing;
    } catch (error) {
      this.failed(error);
    }
  }

  /** Starts writing the queue unless a write is under way or the database is not up. */
  private kick(): void {
    if (this.writing || this.state !== 'up') return;
    this.writing = this.write().finally(() => {
      this.writing = undefined;
    });
  }

  /** Writes the queue in batches while the database takes them; a failed batch stays queued. */
  private async write(): Promise<void> {
    while (this.queue.length > 0 && this.state === 'up' && this.policy) {
      const batch = this.queue.slice(0, BATCH);
      const policy = this.policy;
      try {
        await insertRows(
          this.pool,
          batch.map((event) => toRow(event, policy)),
        );
        this.queue.splice(0, batch.length);
      } catch (error) {
        if (await this.reachable()) {
          // The database answers but refuses these rows: retrying would never end. Drop them.
          this.queue.splice(0, batch.length);
          this.log.error(
            { store: 'postgresql', lostEvents: batch.length, problem: describeProblem(error) },
            'recording: PostgreSQL refused a batch of events; they are lost, Berth keeps answering',
          );
        } else this.failed(error);
      }
    }
  }

  private async reachable(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private up(): void {
    const was = this.state;
    this.attempt = 0;
    if (was === 'up') return;
    this.change('up');
    const where = describePostgres(this.options.postgres);
    if (was === 'connecting')
      this.log.info({ store: 'postgresql', location: where }, 'recording: PostgreSQL connected');
    else
      this.log.warn(
        { store: 'postgresql', location: where, queued: this.queue.length, dropped: this.droppedInOutage },
        'recording: PostgreSQL is back; writing the queued events',
      );
    this.droppedInOutage = 0;
  }

  /** Marks the database down (logged once per outage) and schedules a reconnection. */
  private failed(error: unknown): void {
    if (this.closed) return;
    this.problem = describeProblem(error);
    if (this.state !== 'down') {
      const starting = this.state === 'connecting';
      this.change('down');
      this.log.warn(
        {
          store: 'postgresql',
          location: describePostgres(this.options.postgres),
          problem: this.problem,
          queueLimit: this.options.postgres.queueLimit,
        },
        `recording: ${starting ? 'cannot reach' : 'lost'} PostgreSQL; queueing events in memory until it is back (retrying)`,
      );
    }
    if (!this.retryTimer) {
      this.retryTimer = setTimeout(() => void this.connect(), retryDelay(this.attempt++));
      this.retryTimer.unref();
    }
  }

  private drop(): void {
    this.dropped++;
    this.droppedInOutage++;
    if (this.droppedInOutage === 1)
      this.log.error(
        { store: 'postgresql', queueLimit: this.options.postgres.queueLimit, state: this.state },
        'recording: the queue for PostgreSQL is full; dropping new events (counted) until it is back',
      );
  }

  private change(state: 'up' | 'down'): void {
    this.state = state;
    this.since = new Date();
  }
}
