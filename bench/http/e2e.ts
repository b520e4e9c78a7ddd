import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SLACK_SECRETS } from '../../tests/e2e/slack-requests.ts';
import { SlackStandIn } from '../../tests/e2e/slack-stand-in.ts';
import { startConnector } from '../../tests/e2e/teams-connector.ts';
import { type Percentiles, percentiles } from '../measure.ts';
import type { Progress } from '../progress.ts';
import { Arrivals } from './arrivals.ts';
import { CHANNELS, type ChannelKey, type Target } from './channels.ts';
import type { LoadPlan, LoadResult, LoadSpec } from './load-process.ts';
import type { ServerReport } from './server-process.ts';

export interface HttpRun {
  channel: ChannelKey;
  mode: 'closed' | 'paced';
  connections?: number;
  rate?: number;
  durationS: number;
  requestsPerSecond: number;
  /** Timed requests (each connection's first is not timed), and how many failed or were not 2xx. */
  requests: number;
  failed: number;
  ackMs?: Percentiles;
  replyMs?: Percentiles;
  /** Share of acknowledged requests whose reply reached the stand-in. */
  repliesReceived: number;
  pacingLagMs?: Percentiles;
}

export interface HttpResults {
  /** What the server ran with (secrets left out). */
  settings: Record<string, string>;
  runs: HttpRun[];
  server: ServerReport;
}

export interface HttpOptions {
  concurrency: readonly number[];
  rate: number;
  durationS: number;
  questions: readonly string[];
  /** Write a CPU profile of the server process (node --cpu-prof) into this directory. */
  profileDir?: string;
}

/** Rate limits at their maximum (askers also rotate through 100 ids) and nothing recorded. */
const SERVER_SETTINGS = {
  KNOWLEDGE_DIRS: '',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000',
  RATE_LIMIT_BURST: '10000',
  RECORDING: 'off',
  KNOWLEDGE_WATCH: 'false',
};

/**
 * Section 3: the real server in one process, the load generator in another, and the Slack and Bot
 * Framework connector stand-ins here, timing when each reply reaches them.
 */
export async function runHttp(options: HttpOptions, progress: Progress): Promise<HttpResults> {
  const slack = await SlackStandIn.start();
  const connector = await startConnector();
  const arrivals = new Arrivals();
  arrivals.observe(slack.calls, (c) =>
    c.method === 'chat.postMessage' ? String(c.body.thread_ts) : undefined,
  );
  arrivals.observe(slack.responses, (r) => r.id);
  arrivals.observe(connector.replies, (c) => c.replyToId);
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const server = forkScript('server-process.ts', ['--expose-gc', ...profile]);
  const load = forkScript('load-process.ts');
  try {
    const env = {
      ...SERVER_SETTINGS,
      SLACK_BOT_TOKEN: SLACK_SECRETS.botToken,
      SLACK_SIGNING_SECRET: SLACK_SECRETS.signingSecret,
      SLACK_API_URL: slack.apiUrl,
    };
    const { url } = await exchange<{ url: string }>(server, { type: 'start', env }, 'ready');
    let run = 0;
    const measure = async (plan: LoadPlan): Promise<HttpRun> => {
      const target: Target = {
        slackUrl: slack.url,
        teamsServiceUrl: connector.url,
        questions: options.questions,
        run: ++run,
      };
      arrivals.clear();
      // Each run starts from collected heaps: a burst of garbage from the previous run (or, in this
      // process, from earlier sections) must not turn into a collection pause in the middle of it.
      globalThis.gc?.();
      await exchange(server, { type: 'gc' }, 'collected');
      const full: LoadSpec = { ...plan, baseUrl: url, target };
      const { result } = await exchange<{ result: LoadResult }>(load, { type: 'run', spec: full }, 'result');
      return summarise(full, result, arrivals);
    };
    const runs: HttpRun[] = [];
    for (const channel of CHANNELS) runs.push(...(await measureChannel(channel, measure, options, progress)));
    const { report } = await exchange<{ report: ServerReport }>(server, { type: 'stop' }, 'stopped');
    return { settings: SERVER_SETTINGS, runs, server: report };
  } finally {
    if (load.connected) load.disconnect();
    if (server.connected) server.disconnect();
    await Promise.all([slack.stop(), connector.close()]);
  }
}

/** One channel: a short warm-up, each concurrency level, then the steady rate. */
async function measureChannel(
  channel: (typeof CHANNELS)[number],
  measure: (plan: LoadPlan) => Promise<HttpRun>,
  options: HttpOptions,
  progress: Progress,
): Promise<HttpRun[]> {
  const { durationS, rate } = options;
  progress.begin(`http: ${channel.label}: warming up`);
  await measure({ channel: channel.key, mode: 'closed', connections: 4, durationS: 1 });
  const runs: HttpRun[] = [];
  for (const connections of options.concurrency) {
    progress.begin(`http: ${channel.label}: ${connections} connections, ${durationS} s`);
    runs.push(await measure({ channel: channel.key, mode: 'closed', connections, durationS }));
  }
  progress.begin(`http: ${channel.label}: ${rate} requests/s, ${durationS} s`);
  runs.push(await measure({ channel: channel.key, mode: 'paced', rate, durationS }));
  return runs;
}

async function summarise(spec: LoadSpec, result: LoadResult, arrivals: Arrivals): Promise<HttpRun> {
  const ok = result.records.filter(([, , , status]) => status >= 200 && status < 300);
  const immediate = spec.channel === 'web';
  if (!immediate) await arrivals.settle(ok.map(([key]) => key));
  const replies = ok.flatMap(([key, sentAt, ackAt]) => {
    const at = immediate ? ackAt : arrivals.get(key);
    return at === undefined ? [] : [at - sentAt];
  });
  return {
    channel: spec.channel,
    mode: spec.mode,
    connections: spec.mode === 'closed' ? spec.connections : undefined,
    rate: spec.mode === 'paced' ? spec.rate : undefined,
    durationS: spec.durationS,
    requestsPerSecond: result.requestsPerSecond,
    requests: result.records.length,
    failed: result.errors + result.records.length - ok.length,
    ackMs: percentiles(ok.map(([, sentAt, ackAt]) => ackAt - sentAt)),
    replyMs: percentiles(replies),
    repliesReceived: ok.length === 0 ? 0 : replies.length / ok.length,
    pacingLagMs: result.pacingLagMs,
  };
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
