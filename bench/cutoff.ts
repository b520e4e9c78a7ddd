import { type LabelledQuery, OFF_TOPIC, SMALLTALK_PREFIX } from '../src/eval/labelled.ts';
import type { TopHit } from './contestants.ts';

/** A library's top hit for one labelled query. */
export interface Hit {
  query: LabelledQuery;
  top: ReturnType<TopHit>;
}

export interface CutoffChoice {
  /** Answer when the top hit's score is at least this; fall back otherwise. */
  cutoff: number;
  /** Share of the development queries (on- and off-topic) handled right at that cut-off. */
  devHandled: number;
  devQueries: number;
}

/**
 * The score cut-off that handles the most development questions right: an on-topic question is
 * right when the top hit is its entry and reaches the cut-off, an off-topic one when it does not
 * (declined). Every midpoint between two observed scores is tried; among equally good cut-offs the
 * middle one is taken. Small talk is left out: neither library has any. Only pass development
 * queries: the held-out set must not influence the choice.
 */
export function chooseCutoff(devHits: readonly Hit[]): CutoffChoice {
  const hits = devHits.filter((h) => !h.query.expected.startsWith(SMALLTALK_PREFIX));
  const scores = [...new Set(hits.flatMap((h) => (h.top ? [h.top.score] : [])))].sort((a, b) => a - b);
  const tries = [
    (scores[0] ?? 0) - 1,
    ...scores.slice(1).map((s, i) => (s + scores[i]!) / 2),
    (scores.at(-1) ?? 0) + 1,
  ];
  const handled = (cutoff: number) =>
    hits.filter(({ query, top }) => {
      const answered = top !== undefined && top.score >= cutoff;
      return query.expected === OFF_TOPIC ? !answered : answered && top.id === query.expected;
    }).length;
  const counts = tries.map(handled);
  const best = Math.max(...counts);
  const tied = tries.filter((_, i) => counts[i] === best);
  const cutoff = tied[Math.floor((tied.length - 1) / 2)]!;
  return { cutoff, devHandled: hits.length === 0 ? 0 : best / hits.length, devQueries: hits.length };
}
