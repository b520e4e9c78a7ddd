import type { RealQuestion } from '../src/eval/real-questions.ts';
import type { TopHit } from './contestants.ts';

/** A library's top hit for one real question. */
export interface Hit {
  question: RealQuestion;
  top: ReturnType<TopHit>;
}

export interface CutoffChoice {
  /** Answer when the top hit's score is at least this; fall back otherwise. */
  cutoff: number;
  /** Share of the dev-split questions handled right at that cut-off. */
  devHandled: number;
  devQueries: number;
}

/**
 * The score cut-off that handles the most dev-split questions right: a question with an entry is
 * right when the top hit is one of its entries and reaches the cut-off; an off-topic question, or
 * a container question no entry answers, when it does not (declined). Every midpoint between two
 * observed scores is tried; among equally good cut-offs the middle one is taken. Unusable rows are
 * left out. Only pass dev questions: the test split must not influence the choice.
 */
export function chooseCutoff(devHits: readonly Hit[]): CutoffChoice {
  const hits = devHits.filter((h) => h.question.label.kind !== 'unusable');
  const scores = [...new Set(hits.flatMap((h) => (h.top ? [h.top.score] : [])))].sort((a, b) => a - b);
  const tries = [
    (scores[0] ?? 0) - 1,
    ...scores.slice(1).map((s, i) => (s + scores[i]!) / 2),
    (scores.at(-1) ?? 0) + 1,
  ];
  const handled = (cutoff: number) =>
    hits.filter(({ question, top }) => {
      const answered = top !== undefined && top.score >= cutoff;
      const { label } = question;
      return label.kind === 'entries' ? answered && label.ids.includes(top.id) : !answered;
    }).length;
  const counts = tries.map(handled);
  const best = Math.max(...counts);
  const tied = tries.filter((_, i) => counts[i] === best);
  const cutoff = tied[Math.floor((tied.length - 1) / 2)]!;
  return { cutoff, devHandled: hits.length === 0 ? 0 : best / hits.length, devQueries: hits.length };
}
