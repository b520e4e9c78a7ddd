import type { Express } from 'express';
import type { BerthService } from '../../src/service/berth-service.ts';
import type { SeenKeys, SeenScope } from './seen-keys.ts';

// The contract between the server and each channel adapter. Neutral ground: the server imports
// it to host channels, a channel imports it to be hosted, and neither imports the other.

/** The logging a channel gets (pino's logger satisfies it): fields first, message second. */
export interface ChannelLog {
  trace(fields: object, message?: string): void;
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  /** The same log with `bindings` added to every line. */
  child(bindings: Record<string, unknown>): ChannelLog;
  isLevelEnabled(level: 'trace' | 'debug'): boolean;
}

/** What the server hands every channel it creates; the channel's own settings come with its status. */
export interface ChannelContext {
  /** The core: the only part of it a channel calls. */
  service: BerthService;
  log: ChannelLog;
  /** The server refuses larger request bodies; a channel's body parser uses the same limit. */
  bodyLimitBytes: number;
  /**
   * Register work that outlives its HTTP request (a reply sent after the ack); shutdown awaits it.
   * `what` names it in the log if shutdown has to abandon it (e.g. `slack: question`).
   */
  track(work: Promise<unknown>, what?: string): void;
  /**
   * Aborted when shutdown stops waiting (SHUTDOWN_TIMEOUT_MS): outbound calls still in flight
   * must give up at once (abort their requests), so the process can exit.
   */
  shutdown: AbortSignal;
  /**
   * De-duplication of redelivered events: `scope` names the kind of key. In this process, or
   * shared by every replica when the server keeps it in Redis (REDIS_URL).
   */
  seen(scope: SeenScope): SeenKeys;
}

/** A way people reach Berth (web chat, Slack, Teams...). The whole contract: */
export interface Channel {
  readonly name: string;
  /** Adds the channel's routes to the shared HTTP app. */
  mount(app: Express): void;
  /** Opens outbound connections (a WebSocket, say); resolves when ready. */
  start?(): Promise<void>;
  /**
   * Closes them, and any outbound call still open (a reply in flight was awaited by the server
   * first, up to the deadline).
   */
  stop?(): Promise<void>;
}

/** Whether a channel is on, and why (shown at start-up); `create` builds it when it is. */
export interface ChannelStatus {
  name: string;
  on: boolean;
  reason: string;
  create?: (context: ChannelContext) => Channel;
}
