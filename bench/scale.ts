import type { RealQuestion } from '../src/eval/real-questions.ts';
import type { KnowledgeBase } from '../src/knowledge/types.ts';
import { answerAbove, CONTESTANTS, type Contestant, type ContestantKey } from './contestants.ts';
import { measureBuild, type Percentiles, percentiles, timeEach } from './measure.ts';
import type { Progress } from './progress.ts';
import { buildContestant, warmUpQuestions } from './quality.ts';
import { SYNTHETIC_SEED, seededRandom, syntheticKnowledge } from './synthetic.ts';

/** Questions by length: fuse.js's Bitap works on 32-character chunks, so length matters to it. */
export const QUERY_CLASSES = [
  { key: 'short', label: 'up to 32 chars', test: (q: string) => q.length <= 32 },
  { key: 'medium', label: '33 to 200 chars', test: (q: string) => q.length > 32 && q.length <= 200 },
  { key: 'long', label: 'over 200 chars', test: (q: string) => q.length > 200 },
] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number]['key'];

export interface ClassLatency {
  /** Absent when skipped. */
  latencyMs?: Percentiles;
  /** Set when a single question was expected to take too long to run: the estimate (ms per question). */
  estimatedMs?: number;
}

export interface ScaleRow {
  entries: number;
  key: ContestantKey;
  name: string;
  buildMs: number;
  heapBytes: number | null;
  classes: Record<QueryClass, ClassLatency>;
  /** Every timed question of every class together; absent when a class was skipped. */
  overall?: Percentiles;
}

export interface ScaleResults {
  seed: number;
  sizes: { entries: number; generateMs: number }[];
  questions: Record<QueryClass, number>;
  rows: ScaleRow[];
}

export interface ScaleOptions {
  sizes: readonly number[];
  /** Time allowed per contestant and question class, for the slow ones (fuse.js). */
  slowBudgetMs: number;
  fastBudgetMs: number;
  /** A question expected to take longer than this is not run; its estimate is reported instead. */
  maxQuestionMs: number;
  /** Cut-offs chosen on the development sets over the real knowledge (section 1). */
  cutoffs: ReadonlyMap<ContestantKey, number>;
  /** Mean ms per question over the real knowledge (section 1), to estimate the first size. */
  baseline: { entries: number; meanMs: ReadonlyMap<ContestantKey, number> };
}

/** Section 2: the same contestants over synthetic knowledge bases of growing size. */
export function runScale(
  real: KnowledgeBase,
  queries: readonly RealQuestion[],
  options: ScaleOptions,
  progress: Progress,
): ScaleResults {
  const byClass = classify(queries);
  const rows: ScaleRow[] = [];
  const sizes: ScaleResults['sizes'] = [];
  for (const size of options.sizes) {
    progress.begin(`scale: generating ${size.toLocaleString('en')} entries`);
    const started = performance.now();
    const kb = syntheticKnowledge(real, size);
    sizes.push({ entries: size, generateMs: performance.now() - started });
    for (const c of CONTESTANTS) {
      progress.begin(`scale: ${c.name} @ ${size.toLocaleString('en')} entries`);
      rows.push(measureAtSize(c, kb, byClass, options, rows, progress));
    }
  }
  const questions = Object.fromEntries(QUERY_CLASSES.map((k) => [k.key, byClass[k.key].length]));
  return { seed: SYNTHETIC_SEED, sizes, questions: questions as Record<QueryClass, number>, rows };
}

/** Distinct question texts by class, in a fixed shuffled order so a time-limited sample is not biased. */
function classify(queries: readonly RealQuestion[]): Record<QueryClass, string[]> {
  const random = seededRandom(SYNTHETIC_SEED);
  const texts = [...new Set(queries.map((q) => q.question))]
    .map((text) => ({ text, order: random() }))
    .sort((a, b) => a.order - b.order)
    .map((t) => t.text);
  const out = {} as Record<QueryClass, string[]>;
  for (const k of QUERY_CLASSES) out[k.key] = texts.filter(k.test);
  return out;
}

function measureAtSize(
  c: Contestant,
  kb: KnowledgeBase,
  byClass: Record<QueryClass, string[]>,
  options: ScaleOptions,
  earlier: readonly ScaleRow[],
  progress: Progress,
): ScaleRow {
  const built = measureBuild(() => buildContestant(c, kb));
  const answer =
    built.value.kind === 'answers'
      ? built.value.answer
      : answerAbove(built.value.top, options.cutoffs.get(c.key) ?? 0);
  const slow = c.key.startsWith('fuse');
  // fuse.js was warmed up in section 1; a warm-up question would cost it seconds here.
  if (!slow) for (const q of warmUpQuestions(kb, 40)) answer(q);
  const classes = {} as Record<QueryClass, ClassLatency>;
  const all: number[] = [];
  let skipped = false;
  for (const k of QUERY_CLASSES) {
    const estimate = estimateMs(c.key, k.key, kb.entries.size, earlier, options);
    if (estimate !== undefined && estimate > options.maxQuestionMs) {
      classes[k.key] = { estimatedMs: estimate };
      skipped = true;
      continue;
    }
    progress.detail(`${k.label} (${byClass[k.key].length} questions)`);
    const budget = slow ? options.slowBudgetMs : options.fastBudgetMs;
    const samples = timeEach(byClass[k.key], (q) => answer(q), budget);
    all.push(...samples);
    classes[k.key] = { latencyMs: percentiles(samples) };
  }
  const { ms: buildMs, heapBytes } = built;
  const overall = skipped ? undefined : percentiles(all);
  return { entries: kb.entries.size, key: c.key, name: c.name, buildMs, heapBytes, classes, overall };
}

/** Linear in entries from the last measured size (or section 1's mean): what one question should cost. */
function estimateMs(
  key: ContestantKey,
  cls: QueryClass,
  entries: number,
  earlier: readonly ScaleRow[],
  options: ScaleOptions,
): number | undefined {
  const last = earlier.filter((r) => r.key === key && r.classes[cls]?.latencyMs).at(-1);
  const mean = last?.classes[cls].latencyMs?.mean;
  if (last && mean !== undefined) return (mean * entries) / last.entries;
  const base = options.baseline.meanMs.get(key);
  return base === undefined ? undefined : (base * entries) / options.baseline.entries;
}
