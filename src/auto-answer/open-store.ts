import type { RecordingConfig } from '../config.ts';
import type { Log } from '../log.ts';
import { describeProblem } from '../store-status.ts';
import { SqliteAutoAnswerStore } from './sqlite-store.ts';
import { type AutoAnswerStore, MemoryAutoAnswerStore } from './store.ts';

/**
 * Automatic answering's state where the recordings are: PostgreSQL when DATABASE_URL is set
 * (shared by every replica; pg is loaded only then), else the SQLite file (RECORDING_DB). In
 * memory when recording is off or SQLite cannot be opened (logged: places watched with a command
 * are then forgotten on restart; AUTO_ANSWER_CHANNELS is not). Never throws.
 */
export async function openAutoAnswerStore(config: RecordingConfig, log: Log): Promise<AutoAnswerStore> {
  const memory = 'watched places are kept in memory only; list them in AUTO_ANSWER_CHANNELS to keep them';
  if (!config.enabled) {
    log.info({}, `automatic answers: RECORDING=off, so ${memory}`);
    return new MemoryAutoAnswerStore();
  }
  try {
    if (config.postgres) {
      const { PostgresAutoAnswerStore } = await import('./postgres-store.ts');
      return await PostgresAutoAnswerStore.open({ ...config, postgres: config.postgres, log });
    }
    return SqliteAutoAnswerStore.open({ ...config, file: config.dbPath, log });
  } catch (err) {
    const where = config.postgres ? 'PostgreSQL' : config.dbPath;
    log.error(
      { problem: describeProblem(err), db: where },
      `automatic answers: cannot open the database; ${memory}`,
    );
    return new MemoryAutoAnswerStore();
  }
}
