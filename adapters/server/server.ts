import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AutoAnswerStore } from '../../src/auto-answer/store.ts';
import { formatProblem } from '../../src/knowledge/problems.ts';
import type { KnowledgeHolder } from '../../src/knowledge-holder.ts';
import { forAddress } from '../../src/limits/limiter.ts';
import { NO_RECORDER, type Recorder } from '../../src/recording/events.ts';
import { BerthService } from '../../src/service/berth-service.ts';
import type { StoreStatus } from '../../src/store-status.ts';
import type { Channel, ChannelContext, ChannelStatus } from '../channel/contract.ts';
import { createApp, finishApp, type Readiness, type Stores } from './app.ts';
import { channelsFor } from './channels.ts';
import type { ServerConfig } from './config.ts';
import { InFlight } from './inflight.ts';
import type { Logger } from './logger.ts';
import { openSharedState, type SharedState } from './stores/shared-state.ts';

export interface ServerDeps {
  live: KnowledgeHolder;
  log: Logger;
  /** Where questions and feedback are recorded; `status` (if it has one) is shown on /readyz. */
  recorder?: Recorder & { status?(): StoreStatus };
  /** De-duplication and rate limits; defaults to what the configuration asks for (Redis or this process). */
  shared?: SharedState;
  /** Watched places and the ledger of automatic answers; in memory by default (the caller closes it). */
  autoAnswerStore?: AutoAnswerStore;
  /** Defaults to the channels the configuration turns on. */
  channels?: ChannelStatus[];
}

/** How long, after the deadline, aborted work gets to settle (and be logged) before shutdown goes on. */
const ABORT_GRACE_MS = 1000;

export interface StartOptions {
  /**
   * Resolves when a stop was asked for during start-up (SIGTERM while Slack's auth.test is still
   * pending, say): start-up stops waiting for the channels, so the caller can stop at once.
   */
  interrupted?: Promise<unknown>;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:3978` */
  url: string;
  port: number;
  service: BerthService;
  channels: ChannelStatus[];
  readiness: Readiness;
  /** False while a channel is still starting (start-up was interrupted by a stop request). */
  readonly started: boolean;
  /** Where de-duplication, rate limits and recordings are kept, and whether each is reachable. */
  stores(): Stores;
  /** Stop accepting, finish requests and replies in flight (up to the configured timeout), flush. */
  stop(): Promise<void>;
}

/** Starts `berth serve`: one HTTP server hosting every channel that is turned on. */
export async function startServer(
  config: ServerConfig,
  deps: ServerDeps,
  options: StartOptions = {},
): Promise<RunningServer> {
  const { live, log } = deps;
  const recorder = deps.recorder ?? NO_RECORDER;
  const inflight = new InFlight();
  const deadline = new AbortController();
  let channelsStarted = false;
  const shared = deps.shared ?? (await openSharedState(config.redis, log));
  const stores = (): Stores => ({
    limits: shared.status(),
    recordings: deps.recorder?.status?.() ?? { kind: 'off', state: 'off' },
  });
  const readiness: Readiness = { live, loadedAt: new Date(), stores };
  const service = new BerthService({
    answerer: () => live.current,
    log,
    recorder,
    limiter: shared.limiter(config.rateLimit),
    addressLimiter: shared.limiter(forAddress(config.rateLimit)),
    questionText: config.recording.textMode,
    autoAnswerStore: deps.autoAnswerStore,
    autoAnswerPlaces: config.autoAnswerChannels,
  });
  const app = createApp({
    bodyLimitBytes: config.bodyLimitBytes,
    readiness,
    inflight,
    log,
    trustProxy: config.trustProxy,
  });
  const statuses = deps.channels ?? channelsFor(config);
  const context: ChannelContext = {
    service,
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    track: (work, what) => inflight.track(work, what),
    shutdown: deadline.signal,
    seen: (scope) => shared.seen(scope),
  };
  const channels: Channel[] = statuses.filter((s) => s.on && s.create).map((s) => s.create!(context));
  for (const channel of channels) channel.mount(app);
  finishApp(app, log);

  const server = createServer(app);
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await listen(server, config.port, config.host).catch(async (error: unknown) => {
    await shared.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  try {
    const started = (async () => {
      for (const channel of channels) await channel.start?.();
      channelsStarted = true;
    })();
    // A stop asked for now must not wait for a channel still starting (its stop closes it).
    await Promise.race([started, options.interrupted ?? new Promise<never>(() => {})]);
  } catch (error) {
    // A channel that cannot start must not leave a half-started server holding the port.
    server.close();
    server.closeAllConnections();
    for (const channel of channels) await channel.stop?.().catch(() => undefined);
    await shared.close();
    throw error;
  }

  const unwatch = config.watchKnowledge
    ? live.watch((result) => {
        const problems = result.problems.filter((p) => p.severity === 'error').map(formatProblem);
        readiness.lastReload = { ok: result.ok, at: new Date(), problems };
        if (result.ok) {
          readiness.loadedAt = new Date();
          log.info(
            { version: result.version, entries: live.current.knowledge.entries.size },
            'knowledge reloaded',
          );
        } else
          log.error(
            { version: result.version, problems },
            'knowledge reload failed; still serving the last good version',
          );
      })
    : () => {};

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      unwatch();
      server.close();
      server.closeIdleConnections();
      if (!(await inflight.drain(config.shutdownTimeoutMs))) {
        // The deadline: what is left is aborted (its requests closed), logged, and not waited for.
        const abandoned = inflight.describe();
        deadline.abort();
        await inflight.drain(ABORT_GRACE_MS);
        log.warn({ abandoned, pending: inflight.size }, 'shutdown timeout: abandoned work in flight');
      }
      for (const channel of channels)
        await channel
          .stop?.()
          .catch((err: unknown) => log.error({ err, channel: channel.name }, 'channel stop failed'));
      server.closeAllConnections();
      await recorder.flush();
      await shared.close();
    })();
    return stopping;
  };
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    service,
    channels: statuses,
    readiness,
    get started() {
      return channelsStarted;
    },
    stores,
    stop,
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
