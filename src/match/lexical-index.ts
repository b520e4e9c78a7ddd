import MiniSearch, { type SearchOptions } from 'minisearch';
import type { Entry } from '../knowledge/types.ts';
import { toPlainText } from '../markdown/formats.ts';
import type { Analyzer } from '../text/analyzer.ts';

/** One entry's BM25 standing for a question: its score relative to the best hit, and its rank. */
export interface LexicalHit {
  /** score / the best hit's score, in (0, 1]. */
  relative: number;
  /** BM25+ score per distinct query term (comparable across questions). */
  perTerm: number;
  rank: number;
}

/** The three views the reranker reads: every field, the phrasings only, the answer text only. */
export interface LexicalHits {
  all: Map<string, LexicalHit>;
  questions: Map<string, LexicalHit>;
  answer: Map<string, LexicalHit>;
}

const FIELDS = ['title', 'questions', 'tags', 'answer'];
const ALL: SearchOptions = { boost: { title: 3, questions: 2, tags: 1.5, answer: 0.5 } };
const QUESTIONS: SearchOptions = { fields: ['title', 'questions'], boost: { title: 1.5, questions: 1 } };
const ANSWER: SearchOptions = { fields: ['answer', 'tags'] };
/** Hits kept per view: deeper ranks carry no signal the reranker uses. */
const DEPTH = 20;

/**
 * BM25+ retrieval with MiniSearch over the entries, in Berth's own analysis (synonyms, stemming,
 * technical tokens kept whole). Typos are forgiven twice over: the question arrives spelling-
 * corrected, and words the knowledge does not know still match at edit distance 0.2 of their
 * length. One index; each view is a search restricted to some fields.
 */
export class LexicalIndex {
  private readonly index: MiniSearch;

  constructor(
    entries: readonly Entry[],
    private readonly analyzer: Analyzer,
    /** Stemmed terms the knowledge uses: only the others are searched fuzzily. */
    private readonly known: (term: string) => boolean,
  ) {
    this.index = new MiniSearch({
      fields: FIELDS,
      idField: 'id',
      tokenize: (text) => this.analyzer.analyze(text).map((t) => t.term),
      processTerm: (term) => term,
    });
    this.index.addAll(
      entries.map((e) => ({
        id: e.id,
        title: e.title,
        questions: e.questions.join('\n'),
        tags: e.tags.join(' '),
        answer: toPlainText(e.answer),
      })),
    );
  }

  /** The entries matching `text` in each view. */
  search(text: string, distinctTerms: number): LexicalHits {
    const fuzzy = (term: string) => (this.known(term) || term.length < 5 ? false : 0.2);
    const view = (options: SearchOptions) => {
      const results = this.index.search(text, { ...options, fuzzy, prefix: false }).slice(0, DEPTH);
      const best = results[0]?.score ?? 1;
      return new Map(
        results.map((r, rank) => [
          String(r.id),
          { relative: r.score / best, perTerm: r.score / Math.max(1, distinctTerms), rank },
        ]),
      );
    };
    return { all: view(ALL), questions: view(QUESTIONS), answer: view(ANSWER) };
  }
}
