import type { Express } from 'express';
import type { SeenKeys, SeenScope } from '../../src/limits/stores.ts';
import type { BerthService } from '../../src/service.ts';
import type { ServerConfig } from './config.ts';
import type { Logger } from './logger.ts';

/** What the server hands every channel adapter. */
export interface ChannelContext {
  service: BerthService;
  config: ServerConfig;
  log: Logger;
  /** Register work that outlives its HTTP request (a reply sent after the ack); shutdown awaits it. */
  track(work: Promise<unknown>): void;
  /** Delivery de-duplication: in this process, or shared by every replica when REDIS_URL is set. */
  seen(scope: SeenScope): SeenKeys;
}

/** A way people reach Berth (web chat, Slack, Teams). The whole contract: */
export interface Channel {
  readonly name: string;
  /** Adds the channel's routes to the shared HTTP app. */
  mount(app: Express): void;
  /** Opens outbound connections (Slack Socket Mode); resolves when ready. */
  start?(): Promise<void>;
  /** Closes them; replies already in flight are awaited by the server, not here. */
  stop?(): Promise<void>;
}

/** Whether a channel is on, and why (logged at start-up). */
export interface ChannelStatus {
  name: string;
  on: boolean;
  reason: string;
  create?: (context: ChannelContext) => Channel;
}
