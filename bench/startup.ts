import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KnowledgeBase } from '../src/knowledge/types.ts';
import { spawnBerth } from '../tests/e2e/berth-process.ts';
import { clock, type Percentiles, percentiles } from './measure.ts';
import type { Progress } from './progress.ts';
import { syntheticKnowledge, writeKnowledgeLayer } from './synthetic.ts';

export interface StartupCase {
  label: string;
  entries: number;
  /** Launch of `node bin/berth.js serve` to the first answer from /readyz. */
  readyMs: Percentiles;
  /** Resident memory right after /readyz answered (median of the runs). */
  rssBytes: number | null;
}

export interface StartupResults {
  runs: number;
  cases: StartupCase[];
}

/** Section 4: time to /readyz and resident memory, with the shipped knowledge and a large layer. */
export async function runStartup(
  real: KnowledgeBase,
  options: { runs: number; syntheticEntries: number },
  progress: Progress,
): Promise<StartupResults> {
  const cases: StartupCase[] = [];
  progress.begin('start-up: shipped knowledge');
  cases.push(await measureCase('shipped knowledge', {}, options.runs, progress));
  if (options.syntheticEntries <= real.entries.size) return { runs: options.runs, cases };
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-bench-knowledge-'));
  try {
    progress.begin(`start-up: writing ${options.syntheticEntries.toLocaleString('en')} entries`);
    const kb = syntheticKnowledge(real, options.syntheticEntries);
    writeKnowledgeLayer(
      [...kb.entries.values()].filter((e) => !real.entries.has(e.id)),
      dir,
    );
    progress.begin(`start-up: ${options.syntheticEntries.toLocaleString('en')} entries`);
    const label = `shipped + synthetic layer (KNOWLEDGE_DIRS)`;
    cases.push(await measureCase(label, { KNOWLEDGE_DIRS: dir }, options.runs, progress));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { runs: options.runs, cases };
}

async function measureCase(
  label: string,
  env: Record<string, string>,
  runs: number,
  progress: Progress,
): Promise<StartupCase> {
  // One start first, not timed: tsx compiles the TypeScript sources once and caches them on disk.
  await startOnce(env);
  const samples: { ms: number; rss: number | null; entries: number }[] = [];
  for (let i = 0; i < runs; i++) {
    progress.detail(`run ${i + 1} of ${runs}`);
    samples.push(await startOnce(env));
  }
  const rss = samples.map((s) => s.rss).filter((r): r is number => r !== null);
  return {
    label,
    entries: samples[0]?.entries ?? 0,
    readyMs: percentiles(samples.map((s) => s.ms))!,
    rssBytes: percentiles(rss)?.p50 ?? null,
  };
}

const START_TIMEOUT_MS = 120_000;

/** Launches `berth serve` (as `npm start` does), waits for /readyz, reads its RSS, stops it. */
async function startOnce(
  env: Record<string, string>,
): Promise<{ ms: number; rss: number | null; entries: number }> {
  const port = await freePort();
  const started = clock();
  const berth = spawnBerth({ PORT: String(port), LOG_LEVEL: 'warn', ...env });
  let exited = false;
  void berth.exited.then(() => {
    exited = true;
  });
  try {
    for (;;) {
      if (exited)
        throw new Error(`berth serve exited before /readyz answered: ${berth.stderr().slice(0, 500)}`);
      if (clock() - started > START_TIMEOUT_MS)
        throw new Error('berth serve did not answer /readyz in 2 minutes');
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      if (ready?.ok) {
        const ms = clock() - started;
        const body = (await ready.json()) as { entries?: number };
        return { ms, rss: residentBytes(berth.child.pid), entries: body.entries ?? 0 };
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    berth.child.kill('SIGTERM');
    await berth.exited;
  }
}

/** VmRSS from /proc (Linux); null elsewhere. */
function residentBytes(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
