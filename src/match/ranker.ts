import type { Entry, KnowledgeBase } from '../knowledge/types.ts';
import { Bm25Index } from './bm25.ts';
import { DEFAULT_SCORING, Matcher, OUT_OF_SCOPE_TOPIC } from './matcher.ts';
import {
  type EngineView,
  featuresOf,
  probability,
  type QueryView,
  type Weights,
  withCompetition,
} from './reranker.ts';
import { RERANKER_WEIGHTS } from './reranker-weights.ts';
import type { Candidate, Scoring } from './types.ts';

/** Adjacent term pairs of an analysed text (stop words already gone), as `a b` strings. */
function pairsOf(terms: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return pairs;
}

/** Share of a phrasing's adjacent term pairs that the question has too; 1 for a one-term phrasing. */
function sharedPairs(query: ReadonlySet<string>, phrasing: readonly string[]): number {
  const pairs = pairsOf(phrasing);
  if (pairs.size === 0) return 1;
  let shared = 0;
  for (const p of pairs) if (query.has(p)) shared++;
  return shared / pairs.size;
}

/** How many candidates each retriever contributes to the reranker. */
export const CANDIDATES_PER_RETRIEVER = 10;

/** A candidate entry after reranking: `probability` that it is the entry the person needs. */
export interface RankedCandidate extends Candidate {
  probability: number;
  /** The reranker's inputs (for `berth ask --explain` and for fitting the model). */
  features: number[];
}

export interface RankedQuestion {
  query: string;
  /** Entries only, most probable first. */
  candidates: RankedCandidate[];
  /** The most probable candidate's probability; 0 when nothing matched. */
  confidence: number;
  /** The out-of-scope category the term engine ranked above every entry, if any. */
  outOfScope?: { id: string; score: number };
  knownTerms: number;
  totalTerms: number;
  corrections: Map<string, string>;
}

/**
 * Ranks entries for a question in two steps: retrieve candidates with the term engine (Matcher)
 * and with BM25 (scored as MiniSearch scores it), then order their union by a logistic reranker fit on real
 * questions. The reranker's probability is the confidence the decision rules read.
 * Example: new Ranker(kb).rank('why is my img so big?').candidates[0].entry.id -> 'why-image-so-big'
 */
export class Ranker {
  readonly matcher: Matcher;
  private readonly lexical: Bm25Index;
  private readonly entries: ReadonlyMap<string, Entry>;

  constructor(
    knowledge: Pick<KnowledgeBase, 'entries' | 'synonyms'> &
      Partial<Pick<KnowledgeBase, 'outOfScope' | 'texts'>>,
    scoring: Scoring = DEFAULT_SCORING,
    private readonly weights: Weights = RERANKER_WEIGHTS,
  ) {
    this.matcher = new Matcher(knowledge, scoring);
    this.entries = knowledge.entries;
    this.lexical = new Bm25Index([...knowledge.entries.values()], this.matcher.analyzer, this.matcher.texts);
    // Written to the knowledge cache (when loaded through it), then let go: the index holds what it needs.
    this.matcher.texts.release();
  }

  rank(question: string, limit = 5): RankedQuestion {
    const engine = this.matcher.rank(question, CANDIDATES_PER_RETRIEVER + 3);
    const entries = engine.candidates.filter((c) => c.entry.topic !== OUT_OF_SCOPE_TOPIC);
    const oos = engine.candidates.find((c) => c.entry.topic === OUT_OF_SCOPE_TOPIC);
    const distinctTerms = engine.totalTerms;
    const ranked: RankedQuestion = {
      query: engine.query,
      candidates: [],
      confidence: 0,
      knownTerms: engine.knownTerms,
      totalTerms: engine.totalTerms,
      corrections: engine.corrections,
    };
    if (oos && oos.score >= (entries[0]?.score ?? 0))
      ranked.outOfScope = { id: oos.entry.id, score: oos.score };
    if (engine.knownTerms === 0) return ranked;
    const bm25 = this.lexical.search(
      engine.terms.map((t) => t.term),
      distinctTerms,
    );
    const query: QueryView = {
      top: entries[0]?.score ?? 0,
      unknownShare: engine.unknownShare,
      distinctTerms,
      topicalWeight: engine.terms.reduce((max, t) => Math.max(max, t.weight), 0),
    };
    const fromEngine = new Map<string, { c: Candidate; view: EngineView }>();
    const queryPairs = pairsOf(engine.sequence);
    entries.slice(0, CANDIDATES_PER_RETRIEVER).forEach((c, rank) => {
      const view = {
        score: c.score,
        rank,
        coverage: c.detail.queryCoverage,
        questionMatch: c.detail.questionMatch,
        wordOrder: sharedPairs(queryPairs, c.detail.questionTerms),
      };
      fromEngine.set(c.entry.id, { c, view });
    });
    const ids = new Set([...fromEngine.keys(), ...[...bm25.all.keys()].slice(0, CANDIDATES_PER_RETRIEVER)]);
    const found = [...ids].flatMap((id) => {
      const entry = this.entries.get(id);
      return entry ? [{ id, entry, known: fromEngine.get(id) }] : [];
    });
    const features = withCompetition(found.map(({ id, known }) => featuresOf(id, known?.view, bm25, query)));
    const candidates: RankedCandidate[] = found.map(({ entry, known }, i) => ({
      entry,
      score: known?.c.score ?? 0,
      detail: known?.c.detail ?? { queryCoverage: 0, questionMatch: 0, question: '', questionTerms: [] },
      probability: probability(features[i]!, this.weights),
      features: features[i]!,
    }));
    // Ties (rare) keep knowledge order, so the ranking is the same on every run.
    candidates.sort((a, b) => b.probability - a.probability || a.entry.id.localeCompare(b.entry.id));
    ranked.candidates = candidates.slice(0, limit);
    ranked.confidence = candidates[0]?.probability ?? 0;
    return ranked;
  }
}
