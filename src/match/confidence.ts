import type { Candidate } from './types.ts';

/** What the confidence model looks at in a ranking. */
export interface RankingFeatures {
  /** The best candidate's relevance. */
  top: number;
  /** Its lead over the runner-up. */
  lead: number;
  /** Its lead over the fifth candidate: how much it stands out from the crowd. */
  standout: number;
  /** Share of the question's weight in words the knowledge base knows. */
  known: number;
}

/**
 * Logistic weights (bias, top, lead, standout, known), fit by `scripts/tune-matcher.ts` on the
 * development sets (tests/eval/labelled.tsv and forum-dev.tsv), never on the held-out set.
 */
export const CONFIDENCE_WEIGHTS = [-2.31, 1.44, 3.98, 2.83, 2.28] as const;

export function rankingFeatures(candidates: readonly Candidate[], unknownShare: number): RankingFeatures {
  const top = candidates[0]?.score ?? 0;
  return {
    top,
    lead: top - (candidates[1]?.score ?? 0),
    standout: top - (candidates[4]?.score ?? 0),
    known: 1 - unknownShare,
  };
}

/**
 * The estimated probability, in [0, 1], that the best candidate is the entry the person needs.
 * Example: a one-word question naming exactly one entry's subject -> ~0.9; an off-topic
 * question sharing a word or two with the knowledge -> ~0.1.
 */
export function confidenceOf(f: RankingFeatures, weights: readonly number[] = CONFIDENCE_WEIGHTS): number {
  if (f.top === 0) return 0;
  const [bias = 0, top = 0, lead = 0, standout = 0, known = 0] = weights;
  const z = bias + top * f.top + lead * f.lead + standout * f.standout + known * f.known;
  return 1 / (1 + Math.exp(-z));
}
