import { describe, expect, it } from 'vitest';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { readRealQuestions } from '../../src/eval/real-questions.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import { Bm25Index, MAX_TERMS } from '../../src/match/bm25.ts';
import { Matcher } from '../../src/match/matcher.ts';
import { LexicalIndex } from './minisearch-reference.ts';

const CORPUS = new URL('../eval/real/questions.tsv', import.meta.url).pathname;

describe('Berth BM25 against MiniSearch', () => {
  it('gives every real question the same hits, ranks and scores in all three views', () => {
    const kb = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);
    const matcher = new Matcher(kb);
    const entries = [...kb.entries.values()];
    const library = new LexicalIndex(entries, matcher.analyzer);
    const ours = new Bm25Index(entries, matcher.analyzer);
    const questions = readRealQuestions(CORPUS).questions.map((q) => q.question);
    const round = (hits: ReturnType<Bm25Index['search']>) =>
      Object.fromEntries(
        Object.entries(hits).map(([view, map]) => [
          view,
          [...map].map(([id, h]) => [
            id,
            h.rank,
            Number(h.relative.toFixed(9)),
            Number(h.perTerm.toFixed(9)),
          ]),
        ]),
      );
    let compared = 0;
    for (const question of questions) {
      const engine = matcher.rank(question, 5);
      const terms = engine.terms.map((t) => t.term).slice(0, MAX_TERMS);
      expect(round(ours.search(terms, engine.totalTerms)), question).toEqual(
        round(library.search(terms, engine.totalTerms)),
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(800);
  });
});
