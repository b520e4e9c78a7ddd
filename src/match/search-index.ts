import type { Entry } from '../knowledge/types.ts';
import type { Analyzer, Term } from '../text/analyzer.ts';
import type { TextStore } from '../text/text-store.ts';
import type { Accumulator } from './accumulator.ts';
import { Termhood } from './termhood.ts';
import type { FieldWeights } from './types.ts';

/** Every way an entry is asked: its title, its alternate questions, then the questions people asked. */
export function phrasingsOf(entry: Entry): string[] {
  return [entry.title, ...entry.questions, ...(entry.asked ?? [])];
}

/** Body term frequency saturates like BM25's tf component. */
const BODY_K = 1.2;

/** A question (title or alternate) as a bag of weighted terms. */
export interface QuestionDoc {
  entry: number;
  text: string;
  terms: Map<string, number>;
  /** Sum of idf x weight over its terms: what a perfect match would cover. */
  mass: number;
  /** Its terms in order (the reranker's word-order feature reads adjacent pairs). */
  sequence: readonly string[];
}

/** Entries (or questions) holding a term, with a weight each. */
interface Postings {
  ids: Int32Array;
  weights: Float32Array;
}

interface AnalyzedEntry {
  questions: Term[][];
  credits: Map<string, number>;
}

/**
 * The inverted index, built once per knowledge version: for each term, the entries holding it
 * (with their best field credit) and the questions holding it (with the term's weight there).
 */
export class SearchIndex {
  readonly entries: readonly Entry[];
  readonly questions: readonly QuestionDoc[] = [];
  /** Entry `e`'s questions are `questions[questionStart[e]]` up to `questions[questionStart[e + 1]]`. */
  readonly questionStart: Int32Array;
  /** Each question's `mass`, as a flat array: scoring reads it for thousands of questions at a time. */
  readonly questionMass: Float64Array;
  /** Surface word -> number of entries using it (the spelling corrector's vocabulary). */
  readonly vocabulary = new Map<string, number>();
  readonly termhood: Termhood;
  readonly maxIdf: number;
  private readonly idfs = new Map<string, number>();
  private readonly entryPostings = new Map<string, Postings>();
  private readonly questionPostings = new Map<string, Postings>();
  /** For each term: the entries whose questions hold it, with its highest weight in any of them. */
  private readonly questionTermPostings = new Map<string, Postings>();

  constructor(entries: readonly Entry[], analyzer: Analyzer, weights: FieldWeights, texts: TextStore) {
    this.entries = entries;
    const stemCounts = new Map<string, number>();
    let tokens = 0;
    const analyzed = entries.map((entry) => {
      const a = this.analyzeEntry(entry, analyzer, weights, texts);
      for (const terms of [...a.questions, a.body]) {
        for (const t of terms) stemCounts.set(t.term, (stemCounts.get(t.term) ?? 0) + 1);
        tokens += terms.length;
      }
      return a;
    });
    this.termhood = new Termhood(stemCounts, Math.max(1, tokens), (word) => texts.english(word));
    this.maxIdf = this.computeIdf(analyzed, weights.idfFloor);
    this.entryPostings = invert(analyzed.map((a) => a.credits));
    const docs: QuestionDoc[] = [];
    analyzed.forEach((a, entry) => {
      const phrasings = phrasingsOf(entries[entry]!);
      a.questions.forEach((terms, q) => {
        const bag = new Map<string, number>();
        for (const t of terms)
          bag.set(t.term, Math.max(bag.get(t.term) ?? 0, t.weight * this.termhood.weight(t.surface, t.term)));
        const text = phrasings[q] ?? '';
        docs.push({ entry, text, terms: bag, mass: this.massOf(bag), sequence: terms.map((t) => t.term) });
      });
    });
    this.questions = docs;
    this.questionStart = new Int32Array(entries.length + 1);
    for (const d of docs) this.questionStart[d.entry + 1]! += 1;
    for (let e = 0; e < entries.length; e++) this.questionStart[e + 1]! += this.questionStart[e]!;
    this.questionMass = Float64Array.from(docs, (d) => d.mass);
    this.questionPostings = invert(docs.map((d) => d.terms));
    const questionTerms = entries.map(() => new Map<string, number>());
    for (const d of docs) {
      const terms = questionTerms[d.entry]!;
      for (const [term, weight] of d.terms) terms.set(term, Math.max(terms.get(term) ?? 0, weight));
    }
    this.questionTermPostings = invert(questionTerms);
  }

  idf(term: string): number | undefined {
    return this.idfs.get(term);
  }

  /** Adds weight x idf x credit for every query term to the entry's value in `acc`. */
  accumulateEntries(terms: readonly { term: string; weight: number; idf: number }[], acc: Accumulator): void {
    for (const { term, weight, idf } of terms) {
      const p = this.entryPostings.get(term);
      if (!p) continue;
      const factor = weight * idf;
      for (let k = 0; k < p.ids.length; k++) acc.add(p.ids[k]!, factor * p.weights[k]!);
    }
  }

  /** Adds idf x min(query weight, question weight) for every query term to `acc[question]`. */
  accumulateQuestions(
    terms: readonly { term: string; weight: number; idf: number }[],
    acc: Float64Array,
  ): void {
    for (const { term, weight, idf } of terms) {
      const p = this.questionPostings.get(term);
      if (!p) continue;
      for (let k = 0; k < p.ids.length; k++) acc[p.ids[k]!]! += idf * Math.min(weight, p.weights[k]!);
    }
  }

  /**
   * Adds idf x min(query weight, the term's highest weight in the entry's questions) for every query
   * term to `acc[entry]`: never less than what `accumulateQuestions` gives any one of its questions,
   * so the scorer can skip entries that cannot reach the top without looking at their questions.
   */
  accumulateQuestionBounds(
    terms: readonly { term: string; weight: number; idf: number }[],
    acc: Float64Array,
  ): void {
    for (const { term, weight, idf } of terms) {
      const p = this.questionTermPostings.get(term);
      if (!p) continue;
      for (let k = 0; k < p.ids.length; k++) acc[p.ids[k]!]! += idf * Math.min(weight, p.weights[k]!);
    }
  }

  get termCount(): number {
    return this.idfs.size;
  }

  private computeIdf(analyzed: readonly AnalyzedEntry[], floor: number): number {
    const df = new Map<string, number>();
    for (const { credits } of analyzed)
      for (const term of credits.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    const n = analyzed.length;
    let max = 0;
    for (const [term, count] of df) {
      const idf = Math.max(floor, Math.log(1 + (n - count + 0.5) / (count + 0.5)));
      this.idfs.set(term, idf);
      max = Math.max(max, idf);
    }
    return max || 1;
  }

  private massOf(terms: Map<string, number>): number {
    let mass = 0;
    for (const [term, weight] of terms) mass += weight * (this.idfs.get(term) ?? 0);
    return mass;
  }

  private analyzeEntry(
    entry: Entry,
    analyzer: Analyzer,
    weights: FieldWeights,
    texts: TextStore,
  ): AnalyzedEntry & { body: Term[] } {
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
    const questions = phrasingsOf(entry).map((text) => texts.analyze(analyzer, text));
    for (const terms of questions) {
      note(terms);
      for (const t of terms) raise(t.term, weights.question * t.weight);
    }
    const tagTerms = texts.analyze(analyzer, entry.tags.join(' '));
    note(tagTerms);
    for (const t of tagTerms) raise(t.term, weights.tag * t.weight);
    const body = texts.analyze(analyzer, texts.plain(entry.answer).replace(/https?:\/\/\S+/g, ' '));
    note(body);
    const tf = new Map<string, number>();
    for (const t of body) tf.set(t.term, (tf.get(t.term) ?? 0) + t.weight);
    for (const [term, f] of tf) raise(term, (weights.body * f) / (f + BODY_K));
    return { questions, credits, body };
  }
}

/** Document-major weights -> term-major postings. */
function invert(docs: readonly Map<string, number>[]): Map<string, Postings> {
  const building = new Map<string, { ids: number[]; weights: number[] }>();
  docs.forEach((terms, id) => {
    for (const [term, weight] of terms) {
      const p = building.get(term) ?? { ids: [], weights: [] };
      building.set(term, p);
      p.ids.push(id);
      p.weights.push(weight);
    }
  });
  const out = new Map<string, Postings>();
  for (const [term, p] of building)
    out.set(term, { ids: Int32Array.from(p.ids), weights: Float32Array.from(p.weights) });
  return out;
}
