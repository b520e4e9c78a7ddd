import path from 'node:path';
import { PACKAGE_ROOT } from '../lib/package-root.ts';
import type { Answerer } from '../src/answer/answerer.ts';
import { loadEvalSet } from '../src/cli/eval.ts';
import { type EvalFigures, evaluate, type Prediction, type Responder } from '../src/eval/evaluate.ts';
import type { LabelledQuery } from '../src/eval/labelled.ts';
import type { KnowledgeBase } from '../src/knowledge/types.ts';
import { answerAbove, CONTESTANTS, type Contestant, type ContestantKey, type TopHit } from './contestants.ts';
import { type CutoffChoice, chooseCutoff, type Hit } from './cutoff.ts';
import { measureBuild, type Percentiles, percentiles } from './measure.ts';
import type { Progress } from './progress.ts';

export type SetFigures = Omit<EvalFigures, 'failures' | 'byKind'>;

export interface ContestantQuality {
  key: ContestantKey;
  name: string;
  setup: string;
  /** Every labelled set; the development sets (used to choose cut-offs); the held-out set alone. */
  all: SetFigures;
  dev: SetFigures;
  holdout: SetFigures;
  latencyMs: Percentiles;
  buildMs: number;
  heapBytes: number | null;
  cutoff?: CutoffChoice;
}

export interface QualityResults {
  entries: number;
  queries: { all: number; dev: number; holdout: number };
  /** Set in quick mode: which queries were kept. */
  sample?: string;
  contestants: ContestantQuality[];
}

/** The labelled sets in this checkout. */
const EVAL_DIR = path.join(PACKAGE_ROOT, 'tests/eval');
export const DEV_SETS = ['labelled.tsv', 'forum-dev.tsv'] as const;
export const HOLDOUT_SET = 'holdout.tsv';

/** The labelled queries by set; quick mode keeps every `every`-th query of each file. */
export function labelledQueries(
  probe: Answerer,
  every = 1,
): { dev: LabelledQuery[]; holdout: LabelledQuery[] } {
  const load = (file: string) =>
    loadEvalSet(probe, path.join(EVAL_DIR, file)).queries.filter((_, i) => i % every === 0);
  return { dev: DEV_SETS.flatMap(load), holdout: load(HOLDOUT_SET) };
}

/**
 * Questions that are not in any labelled set, to warm the JIT (and caches) before timing: entry
 * titles, every other one with two letters swapped so spelling correction runs too.
 */
export function warmUpQuestions(kb: KnowledgeBase, count: number): string[] {
  const entries = [...kb.entries.values()];
  const step = Math.max(1, Math.floor(entries.length / count));
  return entries
    .filter((_, i) => i % step === 0)
    .slice(0, count)
    .map((e, i) => (i % 2 === 0 ? e.title : e.title.replace(/(\p{L})(\p{L})(\p{L}{3,})/u, '$2$1$3')));
}

/** Section 1: every contestant over the shipped knowledge and the same labelled queries. */
export function runQuality(
  kb: KnowledgeBase,
  probe: Answerer,
  quick: boolean,
  progress: Progress,
): QualityResults {
  const every = quick ? 10 : 1;
  const { dev, holdout } = labelledQueries(probe, every);
  const all = [...dev, ...holdout];
  const contestants = CONTESTANTS.map((c) => {
    progress.begin(`quality: ${c.name} over ${kb.entries.size} entries, ${all.length} questions`);
    return measureContestant(c, kb, { all, dev, holdout }, progress);
  });
  return {
    entries: kb.entries.size,
    queries: { all: all.length, dev: dev.length, holdout: holdout.length },
    sample: quick ? `quick mode: every ${every}th query of each labelled file` : undefined,
    contestants,
  };
}

/** A contestant built over a knowledge base: a responder, or a ranking still to be cut off. */
export type BuiltContestant = { kind: 'answers'; answer: Responder } | { kind: 'ranks'; top: TopHit };

export function buildContestant(c: Contestant, kb: KnowledgeBase): BuiltContestant {
  return 'answers' in c ? { kind: 'answers', answer: c.answers(kb) } : { kind: 'ranks', top: c.ranks(kb) };
}

interface Sets {
  all: LabelledQuery[];
  dev: LabelledQuery[];
  holdout: LabelledQuery[];
}

function measureContestant(
  c: Contestant,
  kb: KnowledgeBase,
  sets: Sets,
  progress: Progress,
): ContestantQuality {
  const built = measureBuild(() => buildContestant(c, kb));
  const warmUp = warmUpQuestions(kb, c.key.startsWith('fuse') ? 4 : 40);
  const { predictions, times, cutoff } = predict(built.value, sets, warmUp, progress);
  const answers = new Map(sets.all.map((q, i) => [q.query, predictions[i]!]));
  const replay: Responder = (query) => answers.get(query) ?? { outcome: 'fallback', id: null };
  const figures = (queries: LabelledQuery[]): SetFigures => {
    const { failures: _f, byKind: _k, ...rest } = evaluate(queries, replay);
    return rest;
  };
  return {
    key: c.key,
    name: c.name,
    setup: c.setup,
    all: figures(sets.all),
    dev: figures(sets.dev),
    holdout: figures(sets.holdout),
    latencyMs: percentiles(times)!,
    buildMs: built.ms,
    heapBytes: built.heapBytes,
    cutoff,
  };
}

/** Every question once, timed, after a warm-up on other questions. */
function timeEachQuestion<T>(
  questions: readonly LabelledQuery[],
  run: (question: string) => T,
  warmUp: readonly string[],
  progress: Progress,
): { results: T[]; times: number[] } {
  for (const q of warmUp) run(q);
  const times: number[] = [];
  const results = questions.map((q, i) => {
    progress.detail(`${i}/${questions.length} questions`);
    const started = performance.now();
    const result = run(q.query);
    times.push(performance.now() - started);
    return result;
  });
  return { results, times };
}

/** What a contestant answers to every question; a ranking library gets its cut-off first. */
function predict(
  built: BuiltContestant,
  sets: Sets,
  warmUp: readonly string[],
  progress: Progress,
): { predictions: Prediction[]; times: number[]; cutoff?: CutoffChoice } {
  if (built.kind === 'answers') {
    const { results, times } = timeEachQuestion(sets.all, built.answer, warmUp, progress);
    return { predictions: results, times };
  }
  const { results, times } = timeEachQuestion(sets.all, built.top, warmUp, progress);
  const hits: Hit[] = sets.all.map((query, i) => ({ query, top: results[i] }));
  const cutoff = chooseCutoff(hits.filter((h) => sets.dev.includes(h.query)));
  const byQuery = new Map(hits.map((h) => [h.query.query, h.top]));
  const answer = answerAbove((query) => byQuery.get(query), cutoff.cutoff);
  return { predictions: sets.all.map((q) => answer(q.query)), times, cutoff };
}
