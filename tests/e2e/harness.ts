import { Writable } from 'node:stream';
import { readServerConfig, type ServerConfig } from '../../adapters/server/config.ts';
import { createLogger } from '../../adapters/server/logger.ts';
import { CHANNEL_REQUIREMENTS } from '../../adapters/server/requirements.ts';
import { type RunningServer, type ServerDeps, startServer } from '../../adapters/server/server.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { KnowledgeHolder } from '../../src/knowledge-holder.ts';

/**
 * The overlay with two near-identical entries: "frobnicate steps" always asks "did you mean" (not
 * "how do I frobnicate": its word overlap with the help phrase "how do i use you" makes small talk
 * win).
 */
export const OVERLAY_DIR = new URL('../fixtures/knowledge-overlay', import.meta.url).pathname;
export const CLARIFY_QUESTION = 'frobnicate steps';
export const KNOWN_QUESTION = 'what is a cgroup';
export const KNOWN_ID = 'what-is-a-cgroup';
export const OFF_TOPIC_QUESTION = 'how many vacation days do I get this year';
/** Answered outright, with a runner-up offered as "Not it?". */
export const ALTERNATIVES_QUESTION = 'docker build behind a corporate proxy';

export interface TestServer extends RunningServer {
  config: ServerConfig;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  /** The raw log output, to assert that secrets never appear in it. */
  rawLogs(): string;
}

/**
 * Starts the real server on a free loopback port with test settings: silent-but-captured JSON
 * logs, no file watching, built-in knowledge plus the test overlay. `env` overrides anything.
 */
export async function startTestServer(
  env: Record<string, string | undefined> = {},
  deps: Partial<Omit<ServerDeps, 'log'>> = {},
): Promise<TestServer> {
  const config = readServerConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    LOG_FORMAT: 'json',
    KNOWLEDGE_WATCH: 'false',
    KNOWLEDGE_DIRS: OVERLAY_DIR,
    RATE_LIMIT_PER_MINUTE: '6000',
    RATE_LIMIT_BURST: '1000',
    ...env,
  });
  let raw = '';
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      const text = chunk.toString();
      raw += text;
      for (const line of text.split('\n'))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  // The production logger (redaction and scrubbing included), writing JSON into the capture.
  const log = createLogger({ logLevel: config.logLevel, logFormat: 'json' }, sink);
  const live = deps.live ?? KnowledgeHolder.load(config.knowledgeDirs, config, CHANNEL_REQUIREMENTS);
  const running = await startServer(config, { ...deps, live, log });
  return { ...running, config, logs, rawLogs: () => raw };
}

export { BUILTIN_KNOWLEDGE_DIR };
