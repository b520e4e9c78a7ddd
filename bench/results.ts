import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, totalmem } from 'node:os';
import path from 'node:path';
import type { HttpResults } from './http/e2e.ts';
import type { QualityResults } from './quality.ts';
import type { ScaleResults } from './scale.ts';
import type { StartupResults } from './startup.ts';

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages when the run started: above the core count, expect noise. */
  loadAverage: number[];
  memoryBytes: number;
}

/** One of the aims, measured (reported against, never asserted). */
export interface Aim {
  aim: string;
  measured: string;
  /** Null when the section measuring it did not run. */
  met: boolean | null;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  mode: 'full' | 'quick';
  /** Only some sections ran (--only). */
  partial: boolean;
  command: string;
  machine: Machine;
  /** Heap of the English word-frequency table every Berth in a process shares (not in Berth's index figures). */
  englishTableBytes: number | null;
  quality?: QualityResults;
  scale?: ScaleResults;
  http?: HttpResults;
  startup?: StartupResults;
  aims: Aim[];
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    node: process.version,
    platform: `${platform()} ${arch()}`,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    memoryBytes: totalmem(),
  };
}

export const RESULTS_DIR = path.resolve(import.meta.dirname, 'results');

/** Where a run's figures go: `latest.json` for a full run, `latest-quick.json`, `latest-partial.json`. */
export function resultsFile(results: Pick<BenchResults, 'mode' | 'partial'>): string {
  const name = results.partial ? 'latest-partial' : results.mode === 'quick' ? 'latest-quick' : 'latest';
  return path.join(RESULTS_DIR, `${name}.json`);
}

/** Writes the figures as JSON; returns the path. */
export function writeResults(results: BenchResults): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = resultsFile(results);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
