import type { Candidate } from '../match/matcher.ts';

/** Confidence thresholds; documented in docs/DESIGN.md, configurable through the environment. */
export interface Thresholds {
  /** At or above: answer, if the runner-up is far enough behind. */
  answer: number;
  /** At or above (but not answering): "did you mean". Below: fallback. */
  clarify: number;
  /** The lead over the runner-up needed to answer instead of asking. */
  margin: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.6, clarify: 0.42, margin: 0.06 };

/** Candidates within this distance of the best one are offered together in "did you mean". */
const CLARIFY_WINDOW = 0.15;
const MAX_CHOICES = 3;

export type Decision =
  | { outcome: 'answer'; best: Candidate }
  | { outcome: 'clarify'; choices: Candidate[] }
  | { outcome: 'fallback'; near: Candidate[] };

/** Turns ranked candidates into an outcome. Pure; the thresholds are the only knobs. */
export function decide(candidates: readonly Candidate[], t: Thresholds): Decision {
  const [best, second] = candidates;
  if (!best || best.score < t.clarify) {
    return {
      outcome: 'fallback',
      near: candidates.filter((c) => c.score >= t.clarify / 2).slice(0, MAX_CHOICES),
    };
  }
  if (best.score >= t.answer && (!second || best.score - second.score >= t.margin)) {
    return { outcome: 'answer', best };
  }
  const floor = Math.max(t.clarify * 0.8, best.score - CLARIFY_WINDOW);
  const choices = candidates.filter((c) => c.score >= floor).slice(0, MAX_CHOICES);
  return { outcome: 'clarify', choices };
}
