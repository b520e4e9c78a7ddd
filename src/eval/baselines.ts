import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { toPlainText } from '../../lib/plain-text.ts';
import type { Answerer } from '../answer/answerer.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { Analyzer } from '../text/analyzer.ts';
import type { RealPrediction, RealResponder } from './real-eval.ts';

/** Berth's reply as a prediction: the outcome, and the ranking behind it. */
export function berthResponder(berth: Answerer): RealResponder {
  return (question) => {
    const reply = berth.answer(question);
    const ranked = berth.rank(question, 3);
    return {
      outcome: reply.outcome,
      answered: reply.outcome === 'answer' ? reply.id : null,
      ranked: ranked.candidates.map((c) => c.entry.id),
      confidence: ranked.confidence,
    };
  };
}

/** A library that only ranks answers with its top hit, and declines when nothing matches. */
function topHit(ids: string[]): RealPrediction {
  return { outcome: ids[0] ? 'answer' : 'fallback', answered: ids[0] ?? null, ranked: ids, confidence: null };
}

/**
 * The baseline a team reaches for first: fuse.js with default options over each entry's title
 * and alternate questions, answering with its top hit.
 */
export function fuseDefaultBaseline(kb: KnowledgeBase): RealResponder {
  const docs = [...kb.entries.values()].map((e) => ({ id: e.id, title: e.title, questions: e.questions }));
  const fuse = new Fuse(docs, { keys: ['title', 'questions'] });
  return (question) => topHit(fuse.search(question, { limit: 3 }).map((r) => r.item.id));
}

/**
 * Twenty lines of MiniSearch: BM25+ over the stemmed title, alternates, tags and answer, fuzzy
 * 0.2 and prefix search, answering with its top hit. What Berth's own engine must beat.
 */
export function miniSearchBaseline(kb: KnowledgeBase): RealResponder {
  const analyzer = new Analyzer();
  const index = new MiniSearch({
    fields: ['title', 'questions', 'tags', 'answer'],
    tokenize: (text) => analyzer.analyze(text).map((t) => t.term),
    processTerm: (term) => term,
    searchOptions: { boost: { title: 3, questions: 2, tags: 1.5, answer: 0.5 }, fuzzy: 0.2, prefix: true },
  });
  index.addAll(
    [...kb.entries.values()].map((e) => ({
      id: e.id,
      title: e.title,
      questions: e.questions.join('\n'),
      tags: e.tags.join(' '),
      answer: toPlainText(e.answer),
    })),
  );
  return (question) =>
    topHit(
      index
        .search(question)
        .slice(0, 3)
        .map((r) => String(r.id)),
    );
}
