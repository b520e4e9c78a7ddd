import type { Entry } from '../knowledge/types.ts';
import { toPlainText } from '../markdown/formats.ts';
import type { Analyzer, Term } from '../text/analyzer.ts';

/** How much a query term counts when found in each field of an entry (a question counts fully). */
export const FIELD_WEIGHTS = { question: 1, tag: 0.8, body: 0.55 } as const;
/** Body term frequency saturates like BM25's tf component. */
const BODY_K = 1.2;

/** A question (title or alternate) as a bag of weighted terms. */
export interface QuestionDoc {
  entry: number;
  terms: Map<string, number>;
  /** Sum of idf x weight over its terms: what a perfect match would cover. */
  mass: number;
}

interface Postings {
  idf: number;
  entries: Int32Array;
  credits: Float32Array;
}

/**
 * The inverted index over entries, built once per knowledge version. For each term it keeps
 * which entries contain it and how strongly (best field credit); for each entry its questions.
 */
export class SearchIndex {
  readonly entries: readonly Entry[];
  readonly questions: readonly QuestionDoc[][];
  /** Surface word -> number of entries using it (the spelling corrector's vocabulary). */
  readonly vocabulary = new Map<string, number>();
  private readonly postings = new Map<string, Postings>();
  readonly maxIdf: number;

  constructor(entries: readonly Entry[], analyzer: Analyzer) {
    this.entries = entries;
    const perEntry = entries.map((entry) => this.analyzeEntry(entry, analyzer));
    const df = new Map<string, number>();
    for (const { credits } of perEntry)
      for (const term of credits.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    const n = entries.length;
    let maxIdf = 0;
    const building = new Map<string, { idf: number; entries: number[]; credits: number[] }>();
    for (const [term, count] of df) {
      const idf = Math.log(1 + (n - count + 0.5) / (count + 0.5));
      maxIdf = Math.max(maxIdf, idf);
      building.set(term, { idf, entries: [], credits: [] });
    }
    perEntry.forEach(({ credits }, i) => {
      for (const [term, credit] of credits) {
        const p = building.get(term)!;
        p.entries.push(i);
        p.credits.push(credit);
      }
    });
    for (const [term, p] of building) {
      this.postings.set(term, {
        idf: p.idf,
        entries: Int32Array.from(p.entries),
        credits: Float32Array.from(p.credits),
      });
    }
    this.maxIdf = maxIdf || 1;
    this.questions = perEntry.map(({ questions }, entry) =>
      questions.map((terms) => ({ entry, terms, mass: this.massOf(terms) })),
    );
  }

  idf(term: string): number | undefined {
    return this.postings.get(term)?.idf;
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Adds weight x idf x field credit of every query term into `acc[entry]`. */
  accumulate(terms: readonly { term: string; weight: number }[], acc: Float64Array): void {
    for (const { term, weight } of terms) {
      const p = this.postings.get(term);
      if (!p) continue;
      const factor = weight * p.idf;
      const { entries, credits } = p;
      for (let k = 0; k < entries.length; k++) acc[entries[k]!]! += factor * credits[k]!;
    }
  }

  get termCount(): number {
    return this.postings.size;
  }

  private massOf(terms: Map<string, number>): number {
    let mass = 0;
    for (const [term, weight] of terms) mass += weight * (this.postings.get(term)?.idf ?? 0);
    return mass;
  }

  private analyzeEntry(entry: Entry, analyzer: Analyzer) {
    const credits = new Map<string, number>();
    const raise = (term: string, credit: number) =>
      credits.set(term, Math.max(credits.get(term) ?? 0, credit));
    const seen = new Set<string>();
    const note = (terms: Term[]) => {
      for (const t of terms) {
        if (seen.has(t.surface)) continue;
        seen.add(t.surface);
        this.vocabulary.set(t.surface, (this.vocabulary.get(t.surface) ?? 0) + 1);
      }
    };
    const questions = [entry.title, ...entry.questions].map((text) => {
      const terms = analyzer.analyze(text);
      note(terms);
      for (const t of terms) raise(t.term, FIELD_WEIGHTS.question * t.weight);
      return bagOf(terms);
    });
    const tagTerms = analyzer.analyze(entry.tags.join(' '));
    note(tagTerms);
    for (const t of tagTerms) raise(t.term, FIELD_WEIGHTS.tag * t.weight);
    const bodyTerms = analyzer.analyze(toPlainText(entry.answer).replace(/https?:\/\/\S+/g, ' '));
    note(bodyTerms);
    const tf = new Map<string, number>();
    for (const t of bodyTerms) tf.set(t.term, (tf.get(t.term) ?? 0) + t.weight);
    for (const [term, f] of tf) raise(term, (FIELD_WEIGHTS.body * f) / (f + BODY_K));
    return { credits, questions };
  }
}

/** Term -> highest weight it appears with. */
export function bagOf(terms: readonly Term[]): Map<string, number> {
  const bag = new Map<string, number>();
  for (const t of terms) bag.set(t.term, Math.max(bag.get(t.term) ?? 0, t.weight));
  return bag;
}
