import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** Peak resident memory up to then (VmHWM, median of the runs). */
  peakRssBytes: number | null;
}

/** A short command run to its end: wall time and peak resident memory. */
export interface CommandCase {
  label: string;
  command: string;
  wallMs: Percentiles;
  /** Peak RSS (VmHWM read at exit), median of the runs. */
  peakRssBytes: number | null;
}

export interface StartupResults {
  runs: number;
  /** Bare `node -e ""`, then `berth ask` with the knowledge cache warm and with it off. */
  commands: CommandCase[];
  cases: StartupCase[];
}

const BERTH_BIN = new URL('../bin/berth.js', import.meta.url).pathname;
const COMMANDS = [
  { label: 'bare node', command: 'node -e ""', args: ['-e', ''], env: {} },
  {
    label: 'berth ask, knowledge cache warm',
    command: 'node bin/berth.js ask "what is a cgroup"',
    args: [BERTH_BIN, 'ask', 'what is a cgroup'],
    env: {},
  },
  {
    label: 'berth ask, no cache (BERTH_CACHE_DIR=off)',
    command: 'BERTH_CACHE_DIR=off node bin/berth.js ask "what is a cgroup"',
    args: [BERTH_BIN, 'ask', 'what is a cgroup'],
    env: { BERTH_CACHE_DIR: 'off' },
  },
] as const;

/** Runs each command `runs` times after one untimed run (which fills the knowledge cache). */
async function measureCommands(runs: number, progress: Progress): Promise<CommandCase[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-bench-rss-'));
  const preload = path.join(dir, 'peak-rss.cjs');
  // Loaded into every measured process alike, bare node included: writes its peak RSS at exit.
  writeFileSync(
    preload,
    // VmHWM, not resourceUsage().maxRSS: on Linux ru_maxrss survives exec, so a child would report its parent's peak.
    "process.on('exit', () => { const kb = /^VmHWM:\\s+(\\d+)/m.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))?.[1]; if (kb) require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(Number(kb) * 1024)); });\n",
  );
  try {
    const cases: CommandCase[] = [];
    for (const c of COMMANDS) {
      progress.begin(`start-up: ${c.label}`);
      const samples: { ms: number; rss: number | null }[] = [];
      for (let i = 0; i <= runs; i++) {
        progress.detail(`run ${i} of ${runs}`);
        const sample = await runCommand(c.args, { ...c.env, NODE_OPTIONS: `--require ${preload}` }, dir);
        if (i > 0) samples.push(sample);
      }
      const rss = samples.map((s) => s.rss).filter((r): r is number => r !== null);
      cases.push({
        label: c.label,
        command: c.command,
        wallMs: percentiles(samples.map((s) => s.ms))!,
        peakRssBytes: percentiles(rss)?.p50 ?? null,
      });
    }
    return cases;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runCommand(
  args: readonly string[],
  env: Record<string, string>,
  dir: string,
): Promise<{ ms: number; rss: number | null }> {
  const rssFile = path.join(dir, 'rss');
  rmSync(rssFile, { force: true });
  const started = clock();
  const child = spawn(process.execPath, args, {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BENCH_RSS_FILE: rssFile, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const ms = clock() - started;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      let rss: number | null = null;
      try {
        rss = Number(readFileSync(rssFile, 'utf8'));
      } catch {
        rss = null;
      }
      resolve({ ms, rss });
    });
  });
}

/** Section 4: time to /readyz and resident memory, with the shipped knowledge and a large layer. */
export async function runStartup(
  real: KnowledgeBase,
  options: { runs: number; syntheticEntries: number },
  progress: Progress,
): Promise<StartupResults> {
  const commands = await measureCommands(Math.max(options.runs, 5), progress);
  const cases: StartupCase[] = [];
  progress.begin('start-up: shipped knowledge');
  cases.push(await measureCase('shipped knowledge', {}, options.runs, progress));
  if (options.syntheticEntries <= real.entries.size) return { runs: options.runs, commands, cases };
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
  return { runs: options.runs, commands, cases };
}

async function measureCase(
  label: string,
  env: Record<string, string>,
  runs: number,
  progress: Progress,
): Promise<StartupCase> {
  // One start first, not timed: it fills the knowledge cache (BERTH_CACHE_DIR), as any earlier start would.
  await startOnce(env);
  const samples: { ms: number; rss: number | null; peak: number | null; entries: number }[] = [];
  for (let i = 0; i < runs; i++) {
    progress.detail(`run ${i + 1} of ${runs}`);
    samples.push(await startOnce(env));
  }
  const median = (values: (number | null)[]) =>
    percentiles(values.filter((r): r is number => r !== null))?.p50 ?? null;
  return {
    label,
    entries: samples[0]?.entries ?? 0,
    readyMs: percentiles(samples.map((s) => s.ms))!,
    rssBytes: median(samples.map((s) => s.rss)),
    peakRssBytes: median(samples.map((s) => s.peak)),
  };
}

const START_TIMEOUT_MS = 120_000;

/** Launches `berth serve` (as `npm start` does), waits for /readyz, reads its RSS, stops it. */
async function startOnce(
  env: Record<string, string>,
): Promise<{ ms: number; rss: number | null; peak: number | null; entries: number }> {
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
        const pid = berth.child.pid;
        return {
          ms,
          rss: statusBytes(pid, 'VmRSS'),
          peak: statusBytes(pid, 'VmHWM'),
          entries: body.entries ?? 0,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    berth.child.kill('SIGTERM');
    await berth.exited;
  }
}

/** A memory figure from /proc/<pid>/status (Linux): VmRSS now, VmHWM the peak; null elsewhere. */
function statusBytes(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1];
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
