import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AutoAnswerStore } from '../../src/auto-answer/store.ts';
import { formatProblem } from '../../src/knowledge/problems.ts';
import type { KnowledgeHolder } from '../../src/knowledge-holder.ts';
import { NO_RECORDER, type Recorder } from '../../src/recording/events.ts';
import { BerthService } from '../../src/service/berth-service.ts';
import type { Channel, ChannelContext, ChannelStatus } from '../channel/contract.ts';
import { createApp, finishApp, type Readiness } from './app.ts';
import { channelsFor } from './channels.ts';
import type { ServerConfig } from './config.ts';
import { InFlight } from './inflight.ts';
import type { Logger } from './logger.ts';

export interface ServerDeps {
  live: KnowledgeHolder;
  log: Logger;
  recorder?: Recorder;
  /** Watched places and the ledger of automatic answers; in memory by default (the caller closes it). */
  autoAnswerStore?: AutoAnswerStore;
  /** Defaults to the channels the configuration turns on. */
  channels?: ChannelStatus[];
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:3978` */
  url: string;
  port: number;
  service: BerthService;
  channels: ChannelStatus[];
  readiness: Readiness;
  /** Stop accepting, finish requests and replies in flight (up to the configured timeout), flush. */
  stop(): Promise<void>;
}

/** Starts `berth serve`: one HTTP server hosting every channel that is turned on. */
export async function startServer(config: ServerConfig, deps: ServerDeps): Promise<RunningServer> {
  const { live, log } = deps;
  const recorder = deps.recorder ?? NO_RECORDER;
  const inflight = new InFlight();
  const readiness: Readiness = { live, loadedAt: new Date() };
  const service = new BerthService({
    answerer: () => live.current,
    log,
    recorder,
    rateLimit: config.rateLimit,
    autoAnswerStore: deps.autoAnswerStore,
    autoAnswerPlaces: config.autoAnswerChannels,
  });
  const app = createApp({ bodyLimitBytes: config.bodyLimitBytes, readiness, inflight, log });
  const statuses = deps.channels ?? channelsFor(config);
  const context: ChannelContext = {
    service,
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    track: (work) => inflight.track(work),
  };
  const channels: Channel[] = statuses.filter((s) => s.on && s.create).map((s) => s.create!(context));
  for (const channel of channels) channel.mount(app);
  finishApp(app, log);

  const server = createServer(app);
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await listen(server, config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  try {
    for (const channel of channels) await channel.start?.();
  } catch (error) {
    // A channel that cannot start must not leave a half-started server holding the port.
    server.close();
    server.closeAllConnections();
    for (const channel of channels) await channel.stop?.().catch(() => undefined);
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
      const drained = await inflight.drain(config.shutdownTimeoutMs);
      if (!drained) log.warn({ pending: inflight.size }, 'shutdown timeout: abandoning work in flight');
      for (const channel of channels)
        await channel
          .stop?.()
          .catch((err: unknown) => log.error({ err, channel: channel.name }, 'channel stop failed'));
      server.closeAllConnections();
      await recorder.flush();
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
