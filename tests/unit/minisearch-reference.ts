import MiniSearch, { type SearchOptions } from 'minisearch';
import { toPlainText } from '../../lib/plain-text.ts';
import type { Entry } from '../../src/knowledge/types.ts';
import type { LexicalHits } from '../../src/match/bm25.ts';
import type { Analyzer } from '../../src/text/analyzer.ts';

const FIELDS = ['title', 'questions', 'tags', 'answer'];
const ALL: SearchOptions = { boost: { title: 3, questions: 2, tags: 1.5, answer: 0.5 } };
const QUESTIONS: SearchOptions = { fields: ['title', 'questions'], boost: { title: 1.5, questions: 1 } };
const ANSWER: SearchOptions = { fields: ['answer', 'tags'] };
/** Hits kept per view: deeper ranks carry no signal the reranker uses. */
const DEPTH = 20;

/**
 * The reference for src/match/bm25.ts: the same three BM25 views with MiniSearch itself.
 * BM25+ retrieval with MiniSearch over the entries, in Berth's own analysis (synonyms, stemming,
 * technical tokens kept whole). The question arrives analysed and spelling-corrected by the term
 * engine, so MiniSearch's own fuzzy and prefix search stay off (they cost more than they found on
 * the development questions). One index; each view is a search restricted to some fields.
 */
export class LexicalIndex {
  private readonly index: MiniSearch;

  constructor(
    entries: readonly Entry[],
    private readonly analyzer: Analyzer,
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
        questions: [...e.questions, ...(e.asked ?? [])].join('\n'),
        tags: e.tags.join(' '),
        answer: toPlainText(e.answer),
      })),
    );
  }

  /**
   * The entries matching a question in each view. `terms` are the question's analysed terms, most
   * specific first (spelling already corrected); `distinctTerms` how many the question had in all.
   */
  search(terms: readonly string[], distinctTerms: number): LexicalHits {
    const query = terms.slice(0, 24).join(' ');
    const asIs = { tokenize: (text: string) => text.split(' '), processTerm: (term: string) => term };
    const view = (options: SearchOptions) => {
      const results = this.index
        .search(query, { ...options, ...asIs, fuzzy: false, prefix: false })
        .slice(0, DEPTH);
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
