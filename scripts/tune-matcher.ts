// Fits Berth's confidence model and thresholds on the DEVELOPMENT sets only
// (tests/eval/labelled.tsv and tests/eval/forum-dev.tsv), then reports the result on the
// held-out set (tests/eval/holdout.tsv), which is never used to choose anything.
// Usage: node --import tsx scripts/tune-matcher.ts   (prints weights to paste into
// src/match/confidence.ts and thresholds for src/answer/decide.ts)
import path from 'node:path';
import { Answerer } from '../src/answer/answerer.ts';
import type { Thresholds } from '../src/answer/decide.ts';
import { loadEvalSet } from '../src/cli/eval.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../src/config.ts';
import { berthResponder } from '../src/eval/berth-responder.ts';
import { type EvalFigures, evaluate, pct } from '../src/eval/evaluate.ts';
import type { LabelledQuery } from '../src/eval/labelled.ts';
import { loadKnowledgeOrThrow } from '../src/knowledge/knowledge-base.ts';
import { rankingFeatures } from '../src/match/confidence.ts';
import { DEFAULT_SCORING, Matcher, OUT_OF_SCOPE_TOPIC } from '../src/match/matcher.ts';

const kb = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);
const evalDir = path.resolve(import.meta.dirname, '../tests/eval');
const probe = new Answerer(kb);
const load = (name: string) => loadEvalSet(probe, path.join(evalDir, name)).queries;
const dev = [...load('labelled.tsv'), ...load('forum-dev.tsv')];
const holdout = load('holdout.tsv');

const OFF_TOPIC_WEIGHT = Number(process.env.OFF_TOPIC_WEIGHT ?? 2);

// 1. Logistic regression: features of each ranking -> "the top candidate is the right entry".
const matcher = new Matcher(kb);
// Questions whose best match is an out-of-scope category are declined whatever the confidence,
// so they do not inform the model.
const samples = dev
  .filter((q) => !q.expected.startsWith('smalltalk:'))
  .map((q) => ({ q, r: matcher.rank(q.query, 5) }))
  .filter(({ r }) => r.candidates[0]?.entry.topic !== OUT_OF_SCOPE_TOPIC)
  .map(({ q, r }) => {
    const f = rankingFeatures(r.candidates, r.unknownShare);
    // Off-topic questions are the minority but the costlier mistake: weigh them up.
    const weight = q.expected === '-' ? OFF_TOPIC_WEIGHT : 1;
    return {
      x: [1, f.top, f.lead, f.standout, f.known],
      y: r.candidates[0]?.entry.id === q.expected ? 1 : 0,
      weight,
    };
  });
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
let w = [0, 0, 0, 0, 0];
for (let step = 0; step < 30_000; step++) {
  const grad = [0, 0, 0, 0, 0];
  for (const s of samples) {
    const p = sigmoid(w.reduce((z, wi, i) => z + wi * s.x[i]!, 0));
    s.x.forEach((xi, i) => {
      grad[i]! += s.weight * (p - s.y) * xi;
    });
  }
  w = w.map((wi, i) => wi - 0.1 * (grad[i]! / samples.length + (i > 0 ? 0.001 * wi : 0)));
}
const weights = w.map((x) => Math.round(x * 100) / 100);
console.log(`confidence weights (bias, top, lead, standout, known): [${weights.join(', ')}]`);

// 2. Thresholds: best objective on the development sets.
const scoring = { ...DEFAULT_SCORING, confidence: weights };
const objective = (f: EvalFigures) =>
  f.top1 - 3 * Math.max(0, f.wrongRate - 0.03) + 0.6 * f.offTopicDeclined - 0.1 * f.clarifyRate;
const run = (queries: LabelledQuery[], thresholds: Thresholds) =>
  evaluate(queries, berthResponder(new Answerer(kb, { scoring, thresholds })));
let best: { thresholds: Thresholds; f: EvalFigures; score: number } | undefined;
for (const clarify of [0.15, 0.2, 0.25, 0.3, 0.35, 0.4])
  for (const answer of [0.4, 0.5, 0.6, 0.7])
    for (const margin of [0.02, 0.05, 0.08]) {
      if (clarify > answer) continue;
      const thresholds = { answer, clarify, margin };
      const f = run(dev, thresholds);
      const score = objective(f);
      if (!best || score > best.score) best = { thresholds, f, score };
    }
const line = (label: string, f: EvalFigures) =>
  `${label.padEnd(10)} top-1 ${pct(f.top1)}  answered ${pct(f.answered)}  clarify ${pct(f.clarifyRate)}  wrong ${pct(f.wrongRate)}  off-topic declined ${pct(f.offTopicDeclined)}  small talk ${pct(f.smalltalkCorrect)}`;
console.log(`thresholds: ${JSON.stringify(best!.thresholds)}`);
console.log(line('dev', best!.f));
console.log(line('holdout', run(holdout, best!.thresholds)));
