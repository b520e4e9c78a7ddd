import type { Entry, KnowledgeBase } from '../knowledge/types.ts';
import { Analyzer, type Term } from '../text/analyzer.ts';
import { cleanQuestion } from '../text/normalize.ts';
import { SearchIndex } from './search-index.ts';
import { SpellingCorrector } from './spelling.ts';

/** One entry and how well it matches a question, in [0, 1]. */
export interface Candidate {
  entry: Entry;
  score: number;
}

export interface Ranking {
  /** The question as understood (cleaned), for echoing back. */
  query: string;
  /** Best first, at most `limit`. */
  candidates: Candidate[];
  /** How many query terms the knowledge base knows (after spelling correction). */
  knownTerms: number;
  totalTerms: number;
}

/** Scoring knobs, in one place. See docs/DESIGN.md for what each does. */
export const SCORING = {
  /** Share of the score from how much of the question is covered; the rest is best-alternate coverage. */
  queryShare: 0.5,
  /** Words the knowledge base never uses count this much (x max idf) against coverage. */
  unknownIdf: 0.6,
  /** A spelling-corrected word counts for this share of a real one. */
  correctedWeight: 0.8,
  /** Questions longer than this many distinct terms keep only their most specific ones. */
  maxTerms: 32,
  /** How many entries get the finer per-question comparison. */
  shortlist: 30,
} as const;

/**
 * Ranks entries for a question. Deterministic, offline, built once per knowledge version.
 * Example: new Matcher(kb).rank('why is my img so big?').candidates[0].entry.id -> 'why-image-so-big'
 */
export class Matcher {
  readonly analyzer: Analyzer;
  private readonly index: SearchIndex;
  private readonly speller: SpellingCorrector;
  private readonly acc: Float64Array;

  constructor(knowledge: Pick<KnowledgeBase, 'entries' | 'synonyms'>) {
    this.analyzer = new Analyzer(knowledge.synonyms);
    this.index = new SearchIndex([...knowledge.entries.values()], this.analyzer);
    this.speller = new SpellingCorrector(this.index.vocabulary);
    this.acc = new Float64Array(this.index.entries.length);
  }

  rank(question: string, limit = 5): Ranking {
    const query = cleanQuestion(question);
    const terms = this.queryTerms(query);
    const known = terms.filter((t) => t.idf > 0);
    const mass = terms.reduce(
      (sum, t) => sum + t.weight * (t.idf || this.index.maxIdf * SCORING.unknownIdf),
      0,
    );
    const empty = { query, candidates: [], knownTerms: known.length, totalTerms: terms.length };
    if (known.length === 0 || mass === 0) return empty;

    const acc = this.acc;
    acc.fill(0);
    this.index.accumulate(known, acc);
    const shortlist = topIndices(acc, SCORING.shortlist);
    const candidates = shortlist.map((i) => {
      const queryCoverage = acc[i]! / mass;
      const questionCoverage = this.bestQuestionCoverage(i, known);
      const score = SCORING.queryShare * queryCoverage + (1 - SCORING.queryShare) * questionCoverage;
      return { entry: this.index.entries[i]!, score: Math.min(1, score), order: i };
    });
    candidates.sort((a, b) => b.score - a.score || a.order - b.order);
    return { ...empty, candidates: candidates.slice(0, limit).map(({ entry, score }) => ({ entry, score })) };
  }

  /** Analyzed, de-duplicated, spelling-corrected query terms with their idf (0 when unknown). */
  private queryTerms(query: string): { term: string; weight: number; idf: number }[] {
    const byTerm = new Map<string, { term: string; weight: number; idf: number }>();
    for (const t of this.analyzer.analyze(query)) {
      const resolved = this.resolve(t);
      const seen = byTerm.get(resolved.term);
      if (!seen || seen.weight < resolved.weight) byTerm.set(resolved.term, resolved);
    }
    const terms = [...byTerm.values()];
    if (terms.length <= SCORING.maxTerms) return terms;
    return terms.sort((a, b) => b.idf - a.idf).slice(0, SCORING.maxTerms);
  }

  private resolve(t: Term): { term: string; weight: number; idf: number } {
    const idf = this.index.idf(t.term);
    if (idf !== undefined) return { term: t.term, weight: t.weight, idf };
    const corrected = this.speller.correct(t.surface);
    if (corrected) {
      const term = this.analyzer.stem(corrected);
      const fixedIdf = this.index.idf(term);
      if (fixedIdf !== undefined) return { term, weight: t.weight * SCORING.correctedWeight, idf: fixedIdf };
    }
    return { term: t.term, weight: t.weight, idf: 0 };
  }

  /** The share of its best-matching question (title or alternate) that the query covers. */
  private bestQuestionCoverage(
    entry: number,
    terms: readonly { term: string; weight: number; idf: number }[],
  ): number {
    let best = 0;
    for (const doc of this.index.questions[entry]!) {
      if (doc.mass === 0) continue;
      let covered = 0;
      for (const t of terms) {
        const w = doc.terms.get(t.term);
        if (w !== undefined) covered += Math.min(w, t.weight) * t.idf;
      }
      best = Math.max(best, covered / doc.mass);
    }
    return best;
  }
}

/** Indices of the `k` largest positive values, largest first. */
function topIndices(values: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v <= 0) continue;
    if (top.length < k) {
      top.push(i);
      if (top.length === k) top.sort((a, b) => values[b]! - values[a]!);
    } else if (v > values[top[k - 1]!]!) {
      let j = k - 1;
      while (j > 0 && values[top[j - 1]!]! < v) {
        top[j] = top[j - 1]!;
        j--;
      }
      top[j] = i;
    }
  }
  return top.length < k ? top.sort((a, b) => values[b]! - values[a]!) : top;
}
