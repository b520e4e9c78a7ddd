import type { RecordingConfig } from '../config.ts';
import type { Log } from '../log.ts';
import { SqliteAutoAnswerStore } from './sqlite-store.ts';
import { type AutoAnswerStore, MemoryAutoAnswerStore } from './store.ts';

/**
 * Automatic answering's state as configured: in the recording database (RECORDING_DB), or in
 * memory when recording is off or the database cannot be opened (logged: places watched with the
 * command are then forgotten on restart; AUTO_ANSWER_CHANNELS is not).
 */
export function openAutoAnswerStore(config: RecordingConfig, log: Log): AutoAnswerStore {
  const memory = 'watched places are kept in memory only; list them in AUTO_ANSWER_CHANNELS to keep them';
  if (!config.enabled) {
    log.info({}, `automatic answers: RECORDING=off, so ${memory}`);
    return new MemoryAutoAnswerStore();
  }
  try {
    return SqliteAutoAnswerStore.open({ ...config, file: config.dbPath, log });
  } catch (err) {
    log.error({ err, db: config.dbPath }, `automatic answers: cannot open the database; ${memory}`);
    return new MemoryAutoAnswerStore();
  }
}
