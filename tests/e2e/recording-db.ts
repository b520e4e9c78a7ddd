import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Recorder } from '../../src/recording/events.ts';
import { hashUser } from '../../src/recording/privacy.ts';
import { SqliteRecorder } from '../../src/recording/sqlite-recorder.ts';
import { tempDir } from '../unit/knowledge-helpers.ts';

/** A real SQLite recorder on a fresh file (redacted text), for recording tests over each adapter. */
export class RecordingDb {
  readonly file = path.join(tempDir('berth-recording-'), 'berth.db');
  readonly recorder: SqliteRecorder = SqliteRecorder.open({
    file: this.file,
    textMode: 'redacted',
    retentionDays: 90,
  });
  /** Events handed to the recorder so far (to wait for a click to be recorded). */
  received = 0;

  /** The recorder to give the server: counts, then records for real. */
  get tap(): Recorder {
    return {
      record: (event) => {
        this.received++;
        this.recorder.record(event);
      },
      flush: () => this.recorder.flush(),
    };
  }

  rows(sql: string): Record<string, unknown>[] {
    const db = new BetterSqlite3(this.file, { readonly: true });
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }

  /** What `user` of `channel` is stored as. */
  askerOf(channel: string, user: string): string | null {
    const [row] = this.rows("SELECT value FROM meta WHERE key = 'asker_salt'");
    return hashUser(String(row?.value), channel, user);
  }

  /** The whole file as text, to assert what is not in it. */
  bytes(): string {
    return readFileSync(this.file).toString('latin1');
  }
}
