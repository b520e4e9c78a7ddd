import type { Env } from '../../src/config.ts';
import { LiveBerth } from '../../src/live.ts';
import { readServerConfig, type ServerConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { type RunningServer, startServer } from './server.ts';

/** After a signal, the process exits within this long even if something hangs. */
const HARD_EXIT_MS = 10_000;

/** `berth serve` (what `npm start` runs): start the server, stop gracefully on SIGTERM/SIGINT. */
export async function serveCommand(env: Env, _args: readonly string[]): Promise<number> {
  const config = readServerConfig(env);
  const log = createLogger(config);
  const live = LiveBerth.load(config.knowledgeDirs, config);
  const running = await startServer(config, { live, log });
  announce(running, config, log);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  log.info({ signal }, 'shutting down: finishing replies in flight');
  setTimeout(() => {
    log.error({}, 'shutdown took too long; exiting');
    process.exit(1);
  }, HARD_EXIT_MS).unref();
  await running.stop();
  log.info({}, 'stopped');
  return 0;
}

function announce(running: RunningServer, config: ServerConfig, log: ReturnType<typeof createLogger>): void {
  const kb = running.service.berth.knowledge;
  const channels = Object.fromEntries(
    running.channels.map((c) => [c.name, c.on ? 'on' : `off: ${c.reason}`]),
  );
  log.info(
    { url: running.url, version: kb.version, entries: kb.entries.size, channels },
    'Berth is listening',
  );
  for (const c of running.channels)
    log.info({ channel: c.name, on: c.on }, `${c.name}: ${c.on ? 'on' : 'off'} (${c.reason})`);
  if (process.stdout.isTTY && config.logLevel !== 'silent') {
    const lines = [
      '',
      `  Berth is ready: ${kb.entries.size} answers in ${kb.topics.length} topics (knowledge ${kb.version}).`,
      '',
      `  Open the web chat:  ${running.url.replace('127.0.0.1', 'localhost')}/`,
      ...running.channels.map((c) => `  ${c.name.padEnd(8)} ${c.on ? 'on ' : 'off'}  ${c.reason}`),
      '',
      '  Edit files under knowledge/ and Berth reloads them. Stop with Ctrl+C.',
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
