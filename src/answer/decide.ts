import type { Candidate, Ranking } from '../match/types.ts';

/** Confidence thresholds; documented in docs/DESIGN.md, configurable through the environment. */
export interface Thresholds {
  /** Confidence at or above which Berth answers, if the runner-up is far enough behind. */
  answer: number;
  /** Confidence at or above which (but not answering) Berth asks "did you mean". Below: fallback. */
  clarify: number;
  /** The lead in relevance over the runner-up needed to answer instead of asking. */
  margin: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.4, clarify: 0.15, margin: 0.08 };

/** Candidates within this distance of the best one are offered together in "did you mean". */
const CLARIFY_WINDOW = 0.15;
const MAX_CHOICES = 3;
/**
 * Below this relevance the best entry shares only a word or two with the question: decline even
 * when it stands out from the rest (confidence reads the shape of the ranking, not its level).
 */
const MIN_RELEVANCE = 0.25;
/** Weak candidates still worth suggesting next to "I don't know". */
const NEAR_SCORE = 0.3;

export type Decision =
  | { outcome: 'answer'; best: Candidate }
  | { outcome: 'clarify'; choices: Candidate[] }
  | { outcome: 'fallback'; near: Candidate[] };

/** Turns a ranking into an outcome. Pure; the thresholds are the only knobs. */
export function decide(ranking: Pick<Ranking, 'candidates' | 'confidence'>, t: Thresholds): Decision {
  const { candidates, confidence } = ranking;
  const [best, second] = candidates;
  if (!best || confidence < t.clarify || best.score < MIN_RELEVANCE) {
    return {
      outcome: 'fallback',
      near: candidates.filter((c) => c.score >= NEAR_SCORE).slice(0, MAX_CHOICES),
    };
  }
  if (confidence >= t.answer && (!second || best.score - second.score >= t.margin))
    return { outcome: 'answer', best };
  const choices = candidates
    .filter((c, i) => i < 2 || c.score >= best.score - CLARIFY_WINDOW)
    .slice(0, MAX_CHOICES);
  return { outcome: 'clarify', choices };
}
