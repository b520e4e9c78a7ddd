// What the shared stores cost (docs/scaling.md): signed Slack events at a steady rate to the real
// server, once with de-duplication and rate limits in the process and once in Redis, in one run,
// so both see the same machine. Run alone: node --expose-gc --import tsx bench/http/shared-stores.ts
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { dropRedisKeys, REDIS_URL, runId } from '../../tests/e2e/shared-backends.ts';
import { SLACK_SECRETS } from '../../tests/e2e/slack-requests.ts';
import { SlackStandIn } from '../../tests/e2e/slack-stand-in.ts';
import { ms, table } from '../format.ts';
import { type Percentiles, percentiles } from '../measure.ts';
import { Progress } from '../progress.ts';
import { Arrivals } from './arrivals.ts';
import type { LoadResult, LoadSpec } from './load-process.ts';

export interface SharedStoresOptions {
  /** Requests per second, steady (the README's figure is at 200). */
  rate: number;
  durationS: number;
  questions: readonly string[];
  /** Each store is measured this many times, alternating, so drift on the machine hits both. */
  rounds?: number;
}

export interface SharedStoresRun {
  store: 'in process' | 'Redis';
  rate: number;
  durationS: number;
  requests: number;
  failed: number;
  ackMs?: Percentiles;
  replyMs?: Percentiles;
  repliesReceived: number;
  /**
   * The server process's CPU time per event (user + system, from /proc; Linux only): what Berth
   * itself spends, which a busy machine changes much less than latency. Redis' own CPU is not in it.
   */
  cpuMsPerEvent?: number;
}

export interface SharedStoresResults {
  redis: string;
  /** 1, 5 and 15 minute load averages when the runs started: above the core count, expect noise. */
  loadAverage: number[];
  runs: SharedStoresRun[];
  /** Set when Redis could not be reached: only the in-process runs were measured. */
  skipped?: string;
}

/** The HTTP section's server settings (limits raised, nothing recorded), plus Slack. */
const SERVER_SETTINGS = {
  KNOWLEDGE_DIRS: '',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_BURST: '10000',
  RECORDING: 'off',
  KNOWLEDGE_WATCH: 'false',
};

/** Slack ack and reply latency at `rate` requests/s, without and with Redis. */
export async function runSharedStores(
  options: SharedStoresOptions,
  progress: Progress,
): Promise<SharedStoresResults> {
  const slack = await SlackStandIn.start();
  const arrivals = new Arrivals();
  arrivals.observe(slack.calls, (c) =>
    c.method === 'chat.postMessage' ? String(c.body.thread_ts) : undefined,
  );
  const prefix = `${runId()}:`;
  const loadAverage = loadavg().map((l) => Math.round(l * 100) / 100);
  const redisUp = await redisReachable();
  const stores: SharedStoresRun['store'][] = redisUp ? ['in process', 'Redis'] : ['in process'];
  const load = forkScript('load-process.ts');
  const runs: SharedStoresRun[] = [];
  let run = 1000; // distinct from the HTTP section's run numbers: event ids never repeat
  try {
    for (let round = 0; round < (options.rounds ?? 1); round++) {
      for (const store of stores) {
        progress.begin(
          `shared stores: Slack events, ${store}, ${options.rate} requests/s, ${options.durationS} s`,
        );
        const env = {
          ...SERVER_SETTINGS,
          SLACK_BOT_TOKEN: SLACK_SECRETS.botToken,
          SLACK_SIGNING_SECRET: SLACK_SECRETS.signingSecret,
          SLACK_API_URL: slack.apiUrl,
          ...(store === 'Redis' ? { REDIS_URL, REDIS_KEY_PREFIX: prefix } : {}),
        };
        const server = forkScript('server-process.ts', ['--expose-gc']);
        try {
          const { url } = await exchange<{ url: string }>(server, { type: 'start', env }, 'ready');
          const measure = async (durationS: number): Promise<SharedStoresRun> => {
            const target = {
              slackUrl: slack.url,
              teamsServiceUrl: slack.url,
              questions: options.questions,
              run: ++run,
            };
            const spec: LoadSpec = {
              channel: 'slack-event',
              mode: 'paced',
              rate: options.rate,
              durationS,
              baseUrl: url,
              target,
            };
            arrivals.clear();
            globalThis.gc?.();
            await exchange(server, { type: 'gc' }, 'collected');
            const cpuBefore = cpuMs(server.pid);
            const { result } = await exchange<{ result: LoadResult }>(load, { type: 'run', spec }, 'result');
            const summary = await summarise(store, spec, result, arrivals);
            const cpuAfter = cpuMs(server.pid);
            const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
            return { ...summary, ...(cpu === undefined ? {} : { cpuMsPerEvent: cpu / summary.requests }) };
          };
          await measure(1); // warm-up: JIT, connections, Redis script cache
          runs.push(await measure(options.durationS));
          await exchange(server, { type: 'stop' }, 'stopped');
        } finally {
          if (server.connected) server.disconnect();
        }
      }
    }
  } finally {
    if (load.connected) load.disconnect();
    await slack.stop();
    if (redisUp) await dropRedisKeys(prefix);
  }
  return {
    redis: REDIS_URL,
    loadAverage,
    runs,
    ...(redisUp ? {} : { skipped: `Redis not reachable at ${REDIS_URL}` }),
  };
}

/** The Markdown table for the report: p50/p99 of the ack and of the reply, per store. */
export function renderSharedStores(results: SharedStoresResults): string {
  const rows = results.runs.map((r) => [
    r.store,
    `${r.rate}/s × ${r.durationS} s`,
    ms(r.ackMs?.p50),
    ms(r.ackMs?.p99),
    ms(r.replyMs?.p50),
    ms(r.replyMs?.p99),
    ms(r.cpuMsPerEvent),
    `${r.failed}`,
  ]);
  const header = [
    'de-duplication and rate limits',
    'load',
    'ack p50',
    'ack p99',
    'reply p50',
    'reply p99',
    'server CPU per event',
    'failed',
  ];
  const load = `Load average when the runs started: ${results.loadAverage.join(', ')} (${cpus().length} cores).`;
  const note = results.skipped ? `\n\n${results.skipped}: only the in-process runs were measured.` : '';
  return `### Shared stores: signed Slack events (app_mention)\n\n${table(header, rows)}\n\n${load}${note}\n`;
}

async function summarise(
  store: SharedStoresRun['store'],
  spec: LoadSpec & { mode: 'paced' },
  result: LoadResult,
  arrivals: Arrivals,
): Promise<SharedStoresRun> {
  const ok = result.records.filter(([, , , status]) => status >= 200 && status < 300);
  await arrivals.settle(ok.map(([key]) => key));
  const replies = ok.flatMap(([key, sentAt]) => {
    const at = arrivals.get(key);
    return at === undefined ? [] : [at - sentAt];
  });
  return {
    store,
    rate: spec.rate,
    durationS: spec.durationS,
    requests: result.records.length,
    failed: result.errors + result.records.length - ok.length,
    ackMs: percentiles(ok.map(([, sentAt, ackAt]) => ackAt - sentAt)),
    replyMs: percentiles(replies),
    repliesReceived: ok.length === 0 ? 0 : replies.length / ok.length,
  };
}

/** User + system CPU time of process `pid` so far, in ms (Linux /proc; undefined elsewhere). */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may contain spaces) start at the closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS_PER_SECOND) : undefined;
  } catch {
    return undefined;
  }
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream architecture). */
const CLOCK_TICKS_PER_SECOND = 100;

async function redisReachable(): Promise<boolean> {
  const { createClient } = await import('redis');
  const client = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false, connectTimeout: 1000 } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

function forkScript(name: string, nodeOptions: readonly string[] = []): ChildProcess {
  return fork(fileURLToPath(new URL(name, import.meta.url)), [], {
    execArgv: [...nodeOptions, '--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/** Sends `message` and resolves with the child's next message of type `reply`. */
function exchange<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: { type: string; message?: string } & T) => {
      if (answer.type !== reply && answer.type !== 'error') return;
      cleanup();
      if (answer.type === 'error') reject(new Error(`${reply}: ${answer.message}`));
      else resolve(answer);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`a benchmark process exited (${code}) before answering "${reply}"`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(message);
  });
}

// Alone: 200 requests/s, 8 s per run, 2 rounds (--quick: 2 s, 1 round; --rounds N for a noisy machine).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, rounds: { type: 'string' } } });
  const questions = ['what is a cgroup', 'why is my image so big', 'how do I limit memory of a container'];
  const rounds = Number(values.rounds ?? (values.quick ? 1 : 2));
  const progress = new Progress();
  runSharedStores({ rate: 200, durationS: values.quick ? 2 : 8, questions, rounds }, progress).then(
    (results) => {
      progress.done();
      process.stdout.write(renderSharedStores(results));
    },
    (error: unknown) => {
      process.stderr.write(
        `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
