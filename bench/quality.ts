import path from 'node:path';
import { PACKAGE_ROOT } from '../lib/package-root.ts';
import { DEFAULT_EVAL_SET } from '../src/cli/eval.ts';
import {
  evaluateReal,
  type RealFigures,
  type RealPrediction,
  type RealResponder,
} from '../src/eval/real-eval.ts';
import { type RealQuestion, readRealQuestions } from '../src/eval/real-questions.ts';
import type { KnowledgeBase } from '../src/knowledge/types.ts';
import { answerAbove, CONTESTANTS, type Contestant, type ContestantKey, type TopHit } from './contestants.ts';
import { type CutoffChoice, chooseCutoff, type Hit } from './cutoff.ts';
import { measureBuild, type Percentiles, percentiles } from './measure.ts';
import type { Progress } from './progress.ts';

export type SetFigures = Omit<RealFigures, 'failures' | 'reliability'>;

export interface ContestantQuality {
  key: ContestantKey;
  name: string;
  setup: string;
  /** Both splits; the dev split (cut-offs are chosen on it); the test split alone (never tuned on). */
  all: SetFigures;
  dev: SetFigures;
  test: SetFigures;
  latencyMs: Percentiles;
  buildMs: number;
  heapBytes: number | null;
  cutoff?: CutoffChoice;
}

export interface QualityResults {
  entries: number;
  /** Scored questions (unusable rows left out). */
  queries: { all: number; dev: number; test: number };
  /** Set in quick mode: which questions were kept. */
  sample?: string;
  contestants: ContestantQuality[];
}

/** The real questions (tests/eval/real/questions.tsv), copied verbatim from public sites. */
export const REAL_QUESTIONS = path.join(PACKAGE_ROOT, DEFAULT_EVAL_SET);

/** The scored real questions by split; quick mode keeps every `every`-th one. */
export function realQuestions(every = 1): { dev: RealQuestion[]; test: RealQuestion[] } {
  const { questions, problems } = readRealQuestions(REAL_QUESTIONS);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('\n'));
  const kept = questions.filter((q) => q.label.kind !== 'unusable').filter((_, i) => i % every === 0);
  return { dev: kept.filter((q) => q.split === 'dev'), test: kept.filter((q) => q.split === 'test') };
}

/**
 * Questions that are not in the real-question set, to warm the JIT (and caches) before timing: entry
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

/** Section 1: every contestant over the shipped knowledge and the same real questions. */
export function runQuality(kb: KnowledgeBase, quick: boolean, progress: Progress): QualityResults {
  const every = quick ? 10 : 1;
  const { dev, test } = realQuestions(every);
  const all = [...dev, ...test];
  const contestants = CONTESTANTS.map((c) => {
    progress.begin(`quality: ${c.name} over ${kb.entries.size} entries, ${all.length} questions`);
    return measureContestant(c, kb, { all, dev, test }, progress);
  });
  return {
    entries: kb.entries.size,
    queries: { all: all.length, dev: dev.length, test: test.length },
    sample: quick ? `quick mode: every ${every}th real question` : undefined,
    contestants,
  };
}

/** A contestant built over a knowledge base: a responder, or a ranking still to be cut off. */
export type BuiltContestant = { kind: 'answers'; answer: RealResponder } | { kind: 'ranks'; top: TopHit };

export function buildContestant(c: Contestant, kb: KnowledgeBase): BuiltContestant {
  return 'answers' in c ? { kind: 'answers', answer: c.answers(kb) } : { kind: 'ranks', top: c.ranks(kb) };
}

interface Sets {
  all: RealQuestion[];
  dev: RealQuestion[];
  test: RealQuestion[];
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
  const answers = new Map(sets.all.map((q, i) => [q.question, predictions[i]!]));
  const replay: RealResponder = (question) =>
    answers.get(question) ?? { outcome: 'fallback', answered: null, ranked: [], confidence: null };
  const figures = (questions: RealQuestion[]): SetFigures => {
    const { failures: _f, reliability: _r, ...rest } = evaluateReal(questions, replay);
    return rest;
  };
  return {
    key: c.key,
    name: c.name,
    setup: c.setup,
    all: figures(sets.all),
    dev: figures(sets.dev),
    test: figures(sets.test),
    latencyMs: percentiles(times)!,
    buildMs: built.ms,
    heapBytes: built.heapBytes,
    cutoff,
  };
}

/** Every question once, timed, after a warm-up on other questions. */
function timeEachQuestion<T>(
  questions: readonly RealQuestion[],
  run: (question: string) => T,
  warmUp: readonly string[],
  progress: Progress,
): { results: T[]; times: number[] } {
  for (const q of warmUp) run(q);
  const times: number[] = [];
  const results = questions.map((q, i) => {
    progress.detail(`${i}/${questions.length} questions`);
    const started = performance.now();
    const result = run(q.question);
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
): { predictions: RealPrediction[]; times: number[]; cutoff?: CutoffChoice } {
  if (built.kind === 'answers') {
    const { results, times } = timeEachQuestion(sets.all, built.answer, warmUp, progress);
    return { predictions: results, times };
  }
  const { results, times } = timeEachQuestion(sets.all, built.top, warmUp, progress);
  const hits: Hit[] = sets.all.map((question, i) => ({ question, top: results[i] }));
  const cutoff = chooseCutoff(hits.filter((h) => h.question.split === 'dev'));
  const byQuestion = new Map(hits.map((h) => [h.question.question, h.top]));
  const answer = answerAbove((question) => byQuestion.get(question), cutoff.cutoff);
  return { predictions: sets.all.map((q) => answer(q.question)), times, cutoff };
}
