import type { RecordingConfig } from '../config.ts';
import type { Log } from '../log.ts';
import { describeProblem, type StoreStatus } from '../store-status.ts';
import type { Recorder } from './events.ts';
import { createRecorder, SqliteRecorder } from './sqlite-recorder.ts';

/** A recorder `berth serve` owns: it can say where it records (for /readyz) and be closed on shutdown. */
export interface ServerRecorder extends Recorder {
  status(): StoreStatus;
  close(): Promise<void>;
}

/**
 * Recording as configured: off, PostgreSQL when DATABASE_URL is set (pg is loaded only then), else
 * the SQLite file. Never throws: a store that cannot be used is logged and Berth answers anyway.
 */
export async function openRecorder(config: RecordingConfig, log: Log): Promise<ServerRecorder> {
  if (config.enabled && config.postgres) {
    try {
      const { PostgresRecorder } = await import('./postgres-recorder.ts');
      return await PostgresRecorder.open({ ...config, postgres: config.postgres, log });
    } catch (error) {
      const problem = describeProblem(error);
      log.error(
        { store: 'postgresql', problem },
        'recording: cannot use PostgreSQL; Berth answers without recording',
      );
      const status: StoreStatus = { kind: 'postgresql', state: 'down', problem };
      return { record() {}, flush: async () => {}, status: () => status, close: async () => {} };
    }
  }
  const recorder = createRecorder(config, log);
  const status: StoreStatus = !config.enabled
    ? { kind: 'off', state: 'off' }
    : recorder instanceof SqliteRecorder
      ? { kind: 'sqlite', state: 'up', location: config.dbPath }
      : { kind: 'sqlite', state: 'down', location: config.dbPath, problem: 'cannot open the database' };
  return {
    record: (event) => recorder.record(event),
    flush: () => recorder.flush(),
    status: () => status,
    close: async () => recorder.close(),
  };
}
