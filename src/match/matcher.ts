import type { Entry, KnowledgeBase, OutOfScope } from '../knowledge/types.ts';
import { Analyzer, type Term } from '../text/analyzer.ts';
import { cleanQuestion } from '../text/normalize.ts';
import { STOP_WORDS } from '../text/stopwords.ts';
import { TextStore } from '../text/text-store.ts';
import { tokenize } from '../text/tokenize.ts';
import { Scorer } from './scorer.ts';
import { SearchIndex } from './search-index.ts';
import { SpellingCorrector } from './spelling.ts';
import type { QueryTerm, Ranking, Scoring } from './types.ts';

export const DEFAULT_SCORING: Scoring = {
  queryShare: 0.5,
  unknownIdf: 0.6,
  correctedWeight: 0.8,
  maxTerms: 32,
  recallBias: 1,
  fields: { question: 1, tag: 0.8, body: 0.55, idfFloor: 0.6 },
};

/** Candidates in this topic are out-of-scope categories, not answers: a win means "decline". */
export const OUT_OF_SCOPE_TOPIC = '_out-of-scope';

/** An out-of-scope category indexed like an entry: its examples are its questions; no answer text. */
function outOfScopeDocument(category: OutOfScope): Entry {
  const lines = { title: 1, reviewed: 1, questions: [], related: [], answer: 1 };
  return {
    ...category,
    topic: OUT_OF_SCOPE_TOPIC,
    title: category.title,
    answer: '',
    tags: [],
    links: [],
    related: [],
    replaces: [],
    layer: 0,
    lines,
  };
}

/**
 * Ranks entries for a question. Deterministic, offline, built once per knowledge version.
 * Example: new Matcher(kb).rank('why is my img so big?').candidates[0].entry.id -> 'why-image-so-big'
 */
export class Matcher {
  readonly analyzer: Analyzer;
  /** Texts derived while indexing: the knowledge's own store (cached on disk), else a new one. */
  readonly texts: TextStore;
  private readonly index: SearchIndex;
  private readonly speller: SpellingCorrector;
  private readonly scorer: Scorer;

  constructor(
    knowledge: Pick<KnowledgeBase, 'entries' | 'synonyms'> &
      Partial<Pick<KnowledgeBase, 'outOfScope' | 'texts'>>,
    private readonly scoring: Scoring = DEFAULT_SCORING,
  ) {
    this.analyzer = new Analyzer(knowledge.synonyms);
    this.texts = knowledge.texts ?? new TextStore();
    const documents = [
      ...knowledge.entries.values(),
      ...(knowledge.outOfScope ?? []).map(outOfScopeDocument),
    ];
    this.index = new SearchIndex(documents, this.analyzer, scoring.fields, this.texts);
    this.speller = new SpellingCorrector(this.index.vocabulary);
    this.scorer = new Scorer(this.index, scoring);
  }

  /** True when the knowledge uses this (stemmed) term. */
  knows(term: string): boolean {
    return this.index.idf(term) !== undefined;
  }

  rank(question: string, limit = 5): Ranking {
    const query = cleanQuestion(question);
    const { text, corrections } = this.correctSpelling(query);
    const analysed = this.analyzer.analyze(text);
    const terms = this.queryTerms(analysed, new Set(corrections.values()));
    const known = terms.filter((t) => t.idf > 0);
    const unknown = this.unknownMass(terms);
    const mass = terms.reduce((sum, t) => sum + t.weight * t.idf, 0) + unknown;
    const unknownShare = mass === 0 ? 1 : unknown / mass;
    const ranking = {
      unknownShare,
      query,
      corrected: text,
      sequence: analysed.map((t) => t.term),
      candidates: [],
      knownTerms: known.length,
      totalTerms: terms.length,
      terms: [...known].sort((a, b) => b.idf * b.weight - a.idf * a.weight || a.term.localeCompare(b.term)),
      corrections,
    };
    if (known.length === 0 || mass === 0) return ranking;
    const top = this.scorer.best(known, mass, Math.max(limit, 5));
    return { ...ranking, candidates: top.slice(0, limit) };
  }

  /** Replaces misspelt words with the vocabulary words they were most likely meant to be. */
  private correctSpelling(query: string): { text: string; corrections: Map<string, string> } {
    const corrections = new Map<string, string>();
    for (const token of tokenize(query)) {
      if (
        token.part ||
        STOP_WORDS.has(token.text) ||
        this.index.idf(this.analyzer.stem(token.text)) !== undefined
      )
        continue;
      const fixed = this.speller.correct(token.text);
      if (fixed) corrections.set(token.text, fixed);
    }
    if (corrections.size === 0) return { text: query, corrections };
    const text = query.replace(/[\p{L}\p{N}]+/gu, (word) => corrections.get(word.toLowerCase()) ?? word);
    return { text, corrections };
  }

  /** Analyzed, de-duplicated, termhood-weighted query terms with their idf (0 when unknown). */
  private queryTerms(analysed: readonly Term[], corrected: ReadonlySet<string>): QueryTerm[] {
    const byTerm = new Map<string, QueryTerm>();
    for (const t of analysed) {
      const idf = this.index.idf(t.term) ?? 0;
      let weight = t.weight * this.index.termhood.weight(t.surface, t.term);
      if (corrected.has(t.surface)) weight *= this.scoring.correctedWeight;
      const seen = byTerm.get(t.term);
      if (!seen || seen.weight < weight) byTerm.set(t.term, { term: t.term, weight, idf });
    }
    const terms = [...byTerm.values()];
    if (terms.length <= this.scoring.maxTerms) return terms;
    return terms.sort((a, b) => b.weight * b.idf - a.weight * a.idf).slice(0, this.scoring.maxTerms);
  }

  /** Words the knowledge never uses still count against coverage, weighted by their rarity. */
  private unknownMass(terms: readonly QueryTerm[]): number {
    let mass = 0;
    for (const t of terms) if (t.idf === 0) mass += t.weight * this.index.maxIdf * this.scoring.unknownIdf;
    return mass;
  }
}
