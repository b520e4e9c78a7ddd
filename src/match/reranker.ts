import type { LexicalHit, LexicalHits } from './bm25.ts';

/**
 * The features the reranker reads for one candidate entry, in `FEATURE_NAMES` order. Every
 * candidate comes from the term engine's top list or MiniSearch's (or both); a missing source
 * contributes zeros, which is itself a signal.
 */
export const FEATURE_NAMES = [
  'bias',
  'engine.score',
  'engine.reciprocalRank',
  'engine.behindTop',
  'engine.coverage',
  'engine.questionMatch',
  'engine.questionMatchSquared',
  'engine.exactPhrasing',
  'engine.wordOrder',
  'engine.top',
  'engine.unknownShare',
  'bm25.all.relative',
  'bm25.all.reciprocalRank',
  'bm25.all.perTerm',
  'bm25.questions.relative',
  'bm25.questions.reciprocalRank',
  'bm25.answer.relative',
  'bm25.answer.reciprocalRank',
  'query.terms',
  'query.topicalWeight',
  'agree.engineAndBm25First',
  'agree.engineAndQuestionsFirst',
  'lead.engine.score',
  'lead.bm25.questions',
  'lead.engine.questionMatch',
] as const;

const at = (name: (typeof FEATURE_NAMES)[number]) => FEATURE_NAMES.indexOf(name);
const COMPETITION = [at('engine.score'), at('bm25.questions.relative'), at('engine.questionMatch')] as const;

/** What the term engine said about one candidate (absent: it did not rank it). */
export interface EngineView {
  score: number;
  rank: number;
  coverage: number;
  questionMatch: number;
  /** Share of the best phrasing's adjacent term pairs that the question has too (word order; 1 for one term). */
  wordOrder: number;
}

/** What the term engine said about the question as a whole. */
export interface QueryView {
  /** The best entry's engine score. */
  top: number;
  unknownShare: number;
  distinctTerms: number;
  /**
   * The highest termhood-weighted weight among the question's known terms: near 1 when it names
   * something the knowledge is about ("cgroup", "image"), low when it shares only everyday words
   * with it ("object", "file", "member").
   */
  topicalWeight: number;
}

export interface Weights {
  /** One weight per feature, in FEATURE_NAMES order. */
  readonly values: readonly number[];
}

/** A question match this close to 1 is the same phrasing (rounding aside). */
const EXACT = 0.999;
const rr = (hit: { rank: number } | undefined) => (hit ? 1 / (1 + hit.rank) : 0);
const rel = (hit: LexicalHit | undefined) => hit?.relative ?? 0;

/**
 * Adds what a candidate's standing against the others says: whether both retrievers put it
 * first, and its lead over the best other candidate on the strongest signals. A right answer
 * usually stands out; a near-duplicate pair or a vague question does not.
 */
export function withCompetition(own: readonly number[][]): number[][] {
  const first = (f: readonly number[], k: number) => f[k] === 1;
  return own.map((f, i) => {
    const lead = COMPETITION.map((k) => {
      let best = 0;
      own.forEach((o, j) => {
        if (j !== i) best = Math.max(best, o[k]!);
      });
      return f[k]! - best;
    });
    const engineFirst = first(f, at('engine.reciprocalRank'));
    return [
      ...f,
      engineFirst && first(f, at('bm25.all.reciprocalRank')) ? 1 : 0,
      engineFirst && first(f, at('bm25.questions.reciprocalRank')) ? 1 : 0,
      ...lead,
    ];
  });
}

/** The feature vector of one candidate on its own (see withCompetition for the rest). */
export function featuresOf(
  id: string,
  engine: EngineView | undefined,
  bm25: LexicalHits,
  query: QueryView,
): number[] {
  const all = bm25.all.get(id);
  return [
    1,
    engine?.score ?? 0,
    rr(engine),
    engine ? engine.score - query.top : -1,
    engine?.coverage ?? 0,
    engine?.questionMatch ?? 0,
    (engine?.questionMatch ?? 0) ** 2,
    // The question says what one of the entry's phrasings says, word for word after analysis (in
    // any order: "the memory of a container" is "a container's memory"; wordOrder tells the rest).
    (engine?.questionMatch ?? 0) >= EXACT ? 1 : 0,
    // "windows containers on linux" and "linux containers on windows" share every word, not the pairs.
    engine?.wordOrder ?? 0,
    query.top,
    query.unknownShare,
    rel(all),
    rr(all),
    all ? Math.log1p(all.perTerm) : 0,
    rel(bm25.questions.get(id)),
    rr(bm25.questions.get(id)),
    rel(bm25.answer.get(id)),
    rr(bm25.answer.get(id)),
    Math.log1p(query.distinctTerms),
    query.topicalWeight,
  ];
}

/**
 * The probability that a candidate is the entry the person needs: a logistic model over its
 * features. Fit on the real development questions by `scripts/fit-reranker.ts`, which also
 * reports its cross-validated accuracy and calibration (docs/DESIGN.md).
 */
export function probability(features: readonly number[], weights: Weights): number {
  let z = 0;
  for (let i = 0; i < features.length; i++) z += features[i]! * (weights.values[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
