import type { RankedCandidate, RankedQuestion } from '../match/ranker.ts';
import { FITTED_ANSWER_THRESHOLD } from '../match/reranker-weights.ts';

/**
 * The decision knobs; documented in docs/DESIGN.md, configurable through the environment. All
 * three read the reranker's probabilities, which are calibrated on real questions.
 */
export interface Thresholds {
  /** Probability at or above which Berth answers outright (runners-up shown under "Not it?"). */
  answer: number;
  /** For a short, ambiguous question: the probability its best candidate needs for "did you mean". */
  clarify: number;
  /** Candidates whose probability is within this of the best one are offered as choices. */
  margin: number;
}

/** Chosen on the real development questions by scripts/fit-reranker.ts (docs/DESIGN.md). */
export const DEFAULT_THRESHOLDS: Thresholds = {
  answer: FITTED_ANSWER_THRESHOLD,
  clarify: 0.15,
  margin: 0.25,
};

/** A blocking "did you mean" is only for questions this short: a bare keyword or two. */
export const MAX_CLARIFY_TERMS = 3;
const MAX_CHOICES = 3;
/** Runners-up at least this probable are offered under an answer ("Not it?") and next to a fallback. */
export const SUGGEST_MIN = 0.1;
const MAX_RUNNERS_UP = 2;

export type Decision =
  | { outcome: 'answer'; best: RankedCandidate; runnersUp: RankedCandidate[] }
  | { outcome: 'clarify'; choices: RankedCandidate[] }
  | { outcome: 'fallback'; near: RankedCandidate[] };

/** Turns a ranked question into an outcome. Pure; the thresholds are the only knobs. */
export function decide(
  ranked: Pick<RankedQuestion, 'candidates' | 'confidence' | 'totalTerms'>,
  t: Thresholds,
): Decision {
  const [best, ...rest] = ranked.candidates;
  const likely = (c: RankedCandidate) => c.probability >= SUGGEST_MIN;
  if (best && ranked.confidence >= t.answer)
    return { outcome: 'answer', best, runnersUp: rest.filter(likely).slice(0, MAX_RUNNERS_UP) };
  if (best && ranked.totalTerms <= MAX_CLARIFY_TERMS && best.probability >= t.clarify) {
    const choices = ranked.candidates.filter(
      (c) => c.probability >= best.probability - t.margin && likely(c),
    );
    if (choices.length >= 2) return { outcome: 'clarify', choices: choices.slice(0, MAX_CHOICES) };
  }
  return { outcome: 'fallback', near: ranked.candidates.filter(likely).slice(0, MAX_CHOICES) };
}
