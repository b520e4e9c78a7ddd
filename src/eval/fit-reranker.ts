import { Answerer, type AnswererOptions } from '../answer/answerer.ts';
import { decide, type Thresholds } from '../answer/decide.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { RankedQuestion } from '../match/ranker.ts';
import { FEATURE_NAMES, type Weights } from '../match/reranker.ts';
import { type Example, fitLogistic } from './logistic.ts';
import type { RealQuestion } from './real-questions.ts';

/** Regularisation of the reranker: enough to keep weights sane with a few hundred questions. */
export const L2 = 3;
export const FOLDS = 5;
/** Every candidate the two retrievers bring, not just the top five. */
const ALL_CANDIDATES = 100;
/** The decision targets thresholds are chosen for (the answers issue: wrong answers <= 4%). */
export const MAX_WRONG_RATE = 0.04;

/** Scored questions only: unusable ones teach nothing. */
export function scored(questions: readonly RealQuestion[]): RealQuestion[] {
  return questions.filter((q) => q.label.kind !== 'unusable');
}

/** The fold a question belongs to in cross-validation: fixed by its id, so runs agree. */
export function foldOf(q: RealQuestion): number {
  return Number.parseInt(q.id.slice(1, 9), 16) % FOLDS;
}

export function rightIds(q: RealQuestion): ReadonlySet<string> {
  return new Set(q.label.kind === 'entries' ? q.label.ids : []);
}

/** One example per (question, candidate): the candidate's features and whether it is a right entry. */
export function examplesOf(q: RealQuestion, ranked: RankedQuestion): Example[] {
  const right = rightIds(q);
  return ranked.candidates.map((c) => ({ x: c.features, y: right.has(c.entry.id) ? 1 : 0 }));
}

/**
 * The knowledge without the asked phrasings copied from `questions` (knowledge/_bot/asked.yaml
 * holds development questions verbatim): what a question of that fold must be answered from, so
 * that no development figure counts a question that is its own phrasing.
 */
export function withoutAsked(kb: KnowledgeBase, questions: readonly RealQuestion[]): KnowledgeBase {
  const drop = new Set(questions.map((q) => q.question));
  const entries = new Map(
    [...kb.entries].map(([id, e]) => [
      id,
      e.asked?.some((a) => drop.has(a)) ? { ...e, asked: e.asked.filter((a) => !drop.has(a)) } : e,
    ]),
  );
  return { ...kb, entries };
}

/** One Berth per fold, over the knowledge without that fold's own questions among its phrasings. */
export function foldAnswerers(
  kb: KnowledgeBase,
  questions: readonly RealQuestion[],
  options: AnswererOptions = {},
  weightsOf: (fold: number) => Weights | undefined = () => undefined,
): Answerer[] {
  return Array.from({ length: FOLDS }, (_, fold) => {
    const weights = weightsOf(fold);
    return new Answerer(
      withoutAsked(
        kb,
        questions.filter((q) => foldOf(q) === fold),
      ),
      weights ? { ...options, weights } : options,
    );
  });
}

/** Ranks each question with its fold's Berth (features do not depend on the weights). */
export function rankHeldOut(
  kb: KnowledgeBase,
  questions: readonly RealQuestion[],
  options: AnswererOptions = {},
): RankedQuestion[] {
  const byFold = foldAnswerers(kb, questions, options);
  return questions.map((q) => byFold[foldOf(q)]!.rank(q.question, ALL_CANDIDATES));
}

/** Ranks every question once with `berth` (features do not depend on the weights). */
export function rankAll(berth: Answerer, questions: readonly RealQuestion[]): RankedQuestion[] {
  return questions.map((q) => berth.rank(q.question, ALL_CANDIDATES));
}

/**
 * The knowledge's own phrasings asked as questions (each entry's title and first two alternates),
 * labelled with their entry. Real questions rarely repeat a phrasing word for word, so without
 * these the model never learns that an exact match is a safe answer. Always in training, never
 * in any figure.
 */
export function phrasingExamples(berth: Answerer): Example[] {
  const examples: Example[] = [];
  for (const entry of berth.knowledge.entries.values()) {
    for (const phrasing of [entry.title, ...entry.questions.slice(0, 2)]) {
      const ranked = berth.rank(phrasing, ALL_CANDIDATES);
      for (const c of ranked.candidates) examples.push({ x: c.features, y: c.entry.id === entry.id ? 1 : 0 });
    }
  }
  return examples;
}

export function fitWeights(examples: readonly Example[]): Weights {
  const values = fitLogistic(examples, L2).map((w) => Math.round(w * 10_000) / 10_000);
  if (values.length !== FEATURE_NAMES.length) throw new Error('feature count changed: refit');
  return { values };
}

/**
 * Each question re-scored by a model that never saw its fold: the honest probabilities for
 * choosing thresholds and for reporting development figures.
 */
export function crossValidated(
  questions: readonly RealQuestion[],
  ranked: readonly RankedQuestion[],
  always: readonly Example[] = [],
): RankedQuestion[] {
  const out = ranked.map((r) => ({ ...r, candidates: [...r.candidates] }));
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = [
      ...always,
      ...questions.flatMap((q, i) => (foldOf(q) === fold ? [] : examplesOf(q, ranked[i]!))),
    ];
    const weights = fitWeights(train);
    questions.forEach((q, i) => {
      if (foldOf(q) !== fold) return;
      out[i] = rescore(ranked[i]!, weights);
    });
  }
  return out;
}

/** The same candidates under other weights, re-sorted. */
export function rescore(ranked: RankedQuestion, weights: Weights): RankedQuestion {
  const candidates = ranked.candidates
    .map((c) => {
      let z = 0;
      c.features.forEach((f, k) => {
        z += f * (weights.values[k] ?? 0);
      });
      return { ...c, probability: 1 / (1 + Math.exp(-z)) };
    })
    .sort((a, b) => b.probability - a.probability || a.entry.id.localeCompare(b.entry.id));
  return { ...ranked, candidates, confidence: candidates[0]?.probability ?? 0 };
}

export interface DecisionRates {
  /** Answered outright with a right entry, of the questions that have one. */
  answered: number;
  /** Answered with a wrong entry (or any entry when none is right), of the on-topic questions. */
  wrong: number;
  /** "Did you mean", of the on-topic questions. */
  clarify: number;
  /** Off-topic questions not given an entry. */
  offTopicDeclined: number;
}

/** What the decision rules would do with these rankings under `t`. */
export function decisionRates(
  questions: readonly RealQuestion[],
  ranked: readonly RankedQuestion[],
  t: Thresholds,
): DecisionRates {
  let withEntry = 0;
  let onTopic = 0;
  let offTopic = 0;
  let answered = 0;
  let wrong = 0;
  let clarify = 0;
  let declined = 0;
  questions.forEach((q, i) => {
    const d = decide(ranked[i]!, t);
    if (q.label.kind === 'off-topic') {
      offTopic++;
      if (d.outcome === 'fallback') declined++;
      return;
    }
    onTopic++;
    if (q.label.kind === 'entries') withEntry++;
    if (d.outcome === 'clarify') clarify++;
    if (d.outcome !== 'answer') return;
    if (rightIds(q).has(d.best.entry.id)) answered++;
    else wrong++;
  });
  const rate = (n: number, of: number) => (of === 0 ? 0 : n / of);
  return {
    answered: rate(answered, withEntry),
    wrong: rate(wrong, onTopic),
    clarify: rate(clarify, onTopic),
    offTopicDeclined: rate(declined, offTopic),
  };
}

/**
 * The answer threshold that answers the most questions rightly while keeping wrong answers at or
 * under MAX_WRONG_RATE on the cross-validated development rankings (ties: the higher threshold).
 */
export function chooseThresholds(
  questions: readonly RealQuestion[],
  ranked: readonly RankedQuestion[],
  base: Thresholds,
): Thresholds {
  let best = base;
  let bestAnswered = -1;
  for (let answer = 0.95; answer >= 0.2 - 1e-9; answer -= 0.025) {
    const t = { ...base, answer: Math.round(answer * 1000) / 1000 };
    const r = decisionRates(questions, ranked, t);
    if (r.wrong <= MAX_WRONG_RATE && r.answered > bestAnswered) {
      best = t;
      bestAnswered = r.answered;
    }
  }
  return best;
}

/** Automatic answers in watched channels must be right this often (the deflection issue). */
export const AUTO_ANSWER_PRECISION = 0.97;

export interface AutoAnswerRates {
  /** Right answers among the questions answered automatically (off-topic ones count as wrong). */
  precision: number;
  /** Questions answered automatically, of all scored questions. */
  coverage: number;
  answered: number;
}

/** What answering every question whose confidence reaches `threshold` would give. */
export function autoAnswerRates(
  questions: readonly RealQuestion[],
  ranked: readonly RankedQuestion[],
  threshold: number,
): AutoAnswerRates {
  let answered = 0;
  let right = 0;
  questions.forEach((q, i) => {
    const r = ranked[i]!;
    const best = r.candidates[0];
    if (!best || r.confidence < threshold) return;
    answered++;
    if (rightIds(q).has(best.entry.id)) right++;
  });
  return {
    precision: answered === 0 ? 1 : right / answered,
    coverage: questions.length === 0 ? 0 : answered / questions.length,
    answered,
  };
}

/**
 * The lowest confidence for an automatic answer whose precision on the cross-validated
 * development rankings stays at or above AUTO_ANSWER_PRECISION at that level and every level above.
 */
export function chooseAutoAnswerThreshold(
  questions: readonly RealQuestion[],
  ranked: readonly RankedQuestion[],
): number {
  let chosen = 0.99;
  for (let t = 0.99; t >= 0.5 - 1e-9; t -= 0.01) {
    const threshold = Math.round(t * 100) / 100;
    const rates = autoAnswerRates(questions, ranked, threshold);
    if (rates.answered > 0 && rates.precision < AUTO_ANSWER_PRECISION) break;
    chosen = threshold;
  }
  return chosen;
}
