import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { StoreStatus } from '../../src/store-status.ts';
import { type BerthProcess, spawnBerth, urlOf } from './berth-process.ts';

const BERTH = fileURLToPath(new URL('../../bin/berth.js', import.meta.url));

/** One `berth serve` process of several behind the same (imagined) load balancer. */
export interface Replica {
  berth: BerthProcess;
  url: string;
}

/** Starts `count` real `berth serve` processes with the same environment, on free loopback ports. */
export async function startReplicas(env: Record<string, string>, count = 2): Promise<Replica[]> {
  const processes = Array.from({ length: count }, () => spawnBerth(env));
  return Promise.all(processes.map(async (berth) => ({ berth, url: await urlOf(berth) })));
}

/** SIGTERM to each (graceful: replies in flight and recordings are flushed); resolves once all exited. */
export async function stopReplicas(replicas: readonly Replica[]): Promise<void> {
  for (const { berth } of replicas) if (berth.child.exitCode === null) berth.child.kill('SIGTERM');
  await Promise.all(replicas.map(({ berth }) => berth.exited));
}

/** What /readyz says about the stores. */
export async function storesOf(replica: Replica): Promise<{ limits: StoreStatus; recordings: StoreStatus }> {
  const body = (await (await fetch(`${replica.url}/readyz`)).json()) as {
    stores: { limits: StoreStatus; recordings: StoreStatus };
  };
  return body.stores;
}

/** Log messages a replica wrote at warn level or above. */
export function warningsOf(replica: Replica): string[] {
  return replica.berth.logs.filter((l) => Number(l.level) >= 40).map((l) => String(l.msg));
}

let askers = 0;

/**
 * A web chat visitor with one fixed id, whichever replica the load balancer picks, from an
 * address of their own that the load balancer forwards (the replicas trust it: TRUST_PROXY).
 */
export function webAsker(id: string) {
  const cookie = `berth_visitor=${id.padEnd(22, 'x').slice(0, 22)}`;
  const forwarded = `198.51.100.${++askers}`;
  const post = async (replica: Replica, path: string, body: object) => {
    const res = await fetch(`${replica.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-forwarded-for': forwarded },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    ask: (replica: Replica, text: string) => post(replica, '/api/ask', { text }),
    feedback: (replica: Replica, entryId: string, helpful: boolean, comment?: string) =>
      post(replica, '/api/feedback', { entryId, helpful, comment }),
  };
}

/** Runs `berth report --format json` (and `args`) as a process with `env`; resolves with its parsed output. */
export async function berthReport(env: Record<string, string>, args: string[] = []): Promise<ReportJson> {
  const child = spawn(process.execPath, [BERTH, 'report', '--format', 'json', '--since', '1d', ...args], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`berth report exited ${code}: ${stderr}`);
  return JSON.parse(stdout) as ReportJson;
}

/** The parts of `berth report --format json` these tests read. */
export interface ReportJson {
  totals: {
    questions: number;
    answered: number;
    feedback: { helpful: number; notHelpful: number };
    channels: Record<string, number>;
  };
  poorFeedback: Array<{ id: string; comments: string[] }>;
}

/** Polls an asynchronous `probe` until it holds (the test's own timeout bounds the wait). */
export async function eventually(probe: () => Promise<boolean>): Promise<void> {
  while (!(await probe())) await new Promise((resolve) => setTimeout(resolve, 50));
}
