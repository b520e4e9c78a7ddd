import { openAutoAnswerStore } from '../../src/auto-answer/open-store.ts';
import { ConfigError, type Env } from '../../src/config.ts';
import { KnowledgeHolder } from '../../src/knowledge-holder.ts';
import { openRecorder } from '../../src/recording/open-recorder.ts';
import { startupBanner } from './banner.ts';
import { readServerConfig, type ServerConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { CHANNEL_REQUIREMENTS } from './requirements.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * After a signal, the process exits at most this long after SHUTDOWN_TIMEOUT_MS even if something
 * hangs: 10 s with the default 8 s, inside Docker's and Kubernetes' default grace periods.
 */
const HARD_EXIT_MARGIN_MS = 2_000;

/** `berth serve` (what `npm start` runs): start the server, stop gracefully on SIGTERM/SIGINT. */
export async function serveCommand(env: Env, _args: readonly string[]): Promise<number> {
  // First of all: a SIGTERM during start-up (Slack's auth.test still pending, the web chat already
  // answering) must shut down gracefully, not kill the process.
  let stopRequested = false;
  const stopSignal = firstSignal().then((signal) => {
    stopRequested = true;
    return signal;
  });
  const config = readServerConfig(env);
  const log = createLogger(config);
  const live = KnowledgeHolder.load(config.knowledgeDirs, config, CHANNEL_REQUIREMENTS);
  const recorder = await openRecorder(config.recording, log);
  const autoAnswerStore = await openAutoAnswerStore(config.recording, log);
  const running = await startServer(
    config,
    { live, log, recorder, autoAnswerStore },
    { interrupted: stopSignal },
  ).catch(async (error: unknown) => {
    await recorder.close();
    await autoAnswerStore.close();
    throw listenProblem(error, config) ?? error;
  });
  if (!stopRequested) announce(running, config, log);
  const signal = await stopSignal;
  log.info({ signal, duringStartUp: !running.started }, 'shutting down: finishing replies in flight');
  setTimeout(() => {
    log.error({}, 'shutdown took too long; exiting');
    process.exit(1);
  }, config.shutdownTimeoutMs + HARD_EXIT_MARGIN_MS).unref();
  await running.stop();
  await recorder.close();
  await autoAnswerStore.close();
  log.info({}, 'stopped');
  return 0;
}

/**
 * The first SIGTERM or SIGINT. Both handlers go once it came, so a second Ctrl+C exits at once.
 */
function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const received = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', received);
      process.off('SIGINT', received);
      resolve(signal);
    };
    process.on('SIGTERM', received);
    process.on('SIGINT', received);
  });
}

/** A port in use or an unusable address, as a ConfigError naming the variable to change. */
function listenProblem(error: unknown, config: ServerConfig): ConfigError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const port = String(config.port);
  switch (code) {
    case 'EADDRINUSE':
      return new ConfigError(
        'PORT',
        `a port no other program is using (is Berth already running? try PORT=${config.port + 1})`,
        port,
      );
    case 'EACCES':
      return new ConfigError('PORT', 'a port this user may open (1024 or above)', port);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new ConfigError('HOST', 'an address of this machine, e.g. 127.0.0.1 or 0.0.0.0', config.host);
    default:
      return undefined;
  }
}

function announce(running: RunningServer, config: ServerConfig, log: Logger): void {
  const kb = running.readiness.live.current.knowledge;
  const channels = Object.fromEntries(
    running.channels.map((c) => [c.name, c.on ? 'on' : `off: ${c.reason}`]),
  );
  // On a terminal the banner says all this, readably; logs collected by a machine get it as JSON.
  const pretty =
    config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY === true);
  const human = pretty && config.logLevel !== 'silent';
  if (!human) {
    log.info(
      { url: running.url, version: kb.version, entries: kb.entries.size, channels, stores: running.stores() },
      'Berth is listening',
    );
    for (const c of running.channels)
      log.info({ channel: c.name, on: c.on }, `${c.name}: ${c.on ? 'on' : 'off'} (${c.reason})`);
    return;
  }
  process.stdout.write(
    startupBanner({
      url: running.url,
      channels: running.channels,
      stores: running.stores(),
      knowledge: kb,
      config,
      cwd: process.cwd(),
    }),
  );
}
