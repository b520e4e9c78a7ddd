// The load generator, in its own process (forked by e2e.ts) so it never competes with the server's
// event loop: autocannon for closed-loop runs at fixed concurrency, and a small open-loop pacer for
// a steady rate (autocannon's rate limit sends each connection's quota in a burst at the start of
// every second, which measures bursts, not a steady 200 requests per second).
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { clock, type Percentiles, percentiles } from '../measure.ts';
import { type BenchRequest, type ChannelKey, requestMaker, type Target } from './channels.ts';

/** What to run: a closed loop at fixed concurrency, or a steady rate. */
export type LoadPlan = { channel: ChannelKey; durationS: number } & (
  | { mode: 'closed'; connections: number }
  | { mode: 'paced'; rate: number }
);

export type LoadSpec = LoadPlan & { baseUrl: string; target: Target };

/** One request: its reply key, when it was sent and when its response was complete (ms on clock()). */
export type RequestRecord = [key: string, sentAt: number, ackAt: number, status: number];

export interface LoadResult {
  records: RequestRecord[];
  /** Requests completed per second over the run. */
  requestsPerSecond: number;
  errors: number;
  /** Paced runs: how late the pacer sent requests (it should be near zero). */
  pacingLagMs?: Percentiles;
}

export type LoadMessage = { type: 'run'; spec: LoadSpec };

async function closedLoop(spec: LoadSpec & { mode: 'closed' }): Promise<LoadResult> {
  const make = requestMaker(spec.channel, spec.target);
  const records: RequestRecord[] = [];
  let n = 0;
  // autocannon prepares each connection's first request before connecting; those are not timed.
  let connecting = true;
  setImmediate(() => {
    connecting = false;
  });
  const result = await autocannon({
    url: spec.baseUrl,
    connections: spec.connections,
    duration: spec.durationS,
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (base, context) => {
          const next = make(n++);
          Object.assign(context, { key: next.key, sentAt: clock(), timed: !connecting });
          return { ...base, path: next.path, headers: next.headers, body: next.body };
        },
        onResponse: (status, _body, context) => {
          if (context.timed) records.push([String(context.key), Number(context.sentAt), clock(), status]);
        },
      },
    ],
  });
  return { records, requestsPerSecond: result.requests.average, errors: result.errors + result.timeouts };
}

async function pacedLoop(spec: LoadSpec & { mode: 'paced' }): Promise<LoadResult> {
  const make = requestMaker(spec.channel, spec.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const url = new URL(spec.baseUrl);
  const records: RequestRecord[] = [];
  const lags: number[] = [];
  const pending: Promise<boolean>[] = [];
  const interval = 1000 / spec.rate;
  const total = Math.round(spec.rate * spec.durationS);
  const start = clock() + 20;
  for (let n = 0; n < total; n++) {
    const due = start + n * interval;
    const wait = due - clock();
    if (wait > 0) await sleep(wait);
    lags.push(clock() - due);
    pending.push(send(agent, url, make(n), records));
  }
  const sent = await Promise.all(pending);
  agent.destroy();
  const seconds = (Math.max(...records.map((r) => r[2])) - start) / 1000;
  return {
    records,
    requestsPerSecond: records.length / seconds,
    errors: sent.filter((ok) => !ok).length,
    pacingLagMs: percentiles(lags),
  };
}

/** Sends one request; resolves false on a connection error. */
function send(agent: Agent, url: URL, req: BenchRequest, records: RequestRecord[]): Promise<boolean> {
  return new Promise((resolve) => {
    const headers = { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) };
    const sentAt = clock();
    const outgoing = request(
      { host: url.hostname, port: url.port, path: req.path, method: 'POST', headers, agent },
      (res) => {
        res.resume();
        res.on('end', () => {
          records.push([req.key, sentAt, clock(), res.statusCode ?? 0]);
          resolve(true);
        });
      },
    );
    outgoing.on('error', () => resolve(false));
    outgoing.end(req.body);
  });
}

process.on('message', (message: LoadMessage) => {
  const { spec } = message;
  const run = spec.mode === 'closed' ? closedLoop(spec) : pacedLoop(spec);
  run.then(
    (result) => process.send?.({ type: 'result', result }),
    (error: unknown) => process.send?.({ type: 'error', message: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
