/**
 * What `/readyz`, the start-up banner and the logs say about one place Berth keeps state: the
 * de-duplication and rate-limit state, and the recordings (docs/scaling.md).
 */
export interface StoreStatus {
  /** Where the state is kept. */
  kind: 'memory' | 'redis' | 'sqlite' | 'postgresql' | 'off';
  /**
   * `up`: in use. `connecting`: not reached yet, and `down`: lost; meanwhile Berth works on
   * locally (limits in this process, recordings queued in memory). `off`: nothing is kept.
   */
  state: 'up' | 'connecting' | 'down' | 'off';
  /** The file, or the server's URL without user name and password. */
  location?: string;
  /** When the state last changed (ISO 8601). */
  since?: string;
  /** Why it is not up: the last error's message (never a credential: URLs are not in it). */
  problem?: string;
  /** Recordings waiting in memory for the database. */
  queued?: number;
  /** Recordings dropped because the queue was full, since start-up. */
  dropped?: number;
}

/** An error as `problem` shows it: its message, else its code (AggregateError from a refused dual-stack connect has neither a message nor a code of its own). */
export function describeProblem(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const inner = error instanceof AggregateError ? error.errors[0] : undefined;
  return inner === undefined ? error.name : describeProblem(inner);
}
