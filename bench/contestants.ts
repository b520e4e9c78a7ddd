import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { toPlainText } from '../lib/plain-text.ts';
import { Answerer } from '../src/answer/answerer.ts';
import { berthResponder, fuseDefaultBaseline } from '../src/eval/baselines.ts';
import type { RealResponder } from '../src/eval/real-eval.ts';
import type { KnowledgeBase } from '../src/knowledge/types.ts';
import { STOP_WORDS } from '../src/text/stopwords.ts';

export type ContestantKey = 'berth' | 'fuseDefaults' | 'fuseTuned' | 'minisearch';

/** A library's best entry for a question, and how sure it is (higher is surer, any scale). */
export type TopHit = (query: string) => { id: string; score: number } | undefined;

/**
 * One matcher under comparison: Berth and the fuse.js-defaults baseline answer by themselves; the
 * libraries that only rank (fuse.js tuned, MiniSearch) answer with their top hit when its score
 * reaches a cut-off chosen on the real questions' dev split (see cutoff.ts).
 */
export type Contestant = {
  key: ContestantKey;
  name: string;
  setup: string;
} & ({ answers: (kb: KnowledgeBase) => RealResponder } | { ranks: (kb: KnowledgeBase) => TopHit });

/** Every field a library may search: the same text Berth indexes. */
function documents(kb: KnowledgeBase) {
  return [...kb.entries.values()].map((e) => ({
    id: e.id,
    title: e.title,
    questions: e.questions,
    tags: e.tags,
    answer: toPlainText(e.answer),
  }));
}

/** Lower-case words without stop words (Berth's own list, so no side gets a better one). */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/**
 * fuse.js tuned on the old self-written development sets (bench/README.md lists what was tried): token search
 * (per-word Bitap with TF-IDF weights), location ignored, a strict per-word threshold, weighted
 * fields including the answer text, half the field-length norm, stop words removed.
 */
export const FUSE_TUNED_OPTIONS = {
  keys: [
    { name: 'title', weight: 3 },
    { name: 'questions', weight: 2 },
    { name: 'tags', weight: 1 },
    { name: 'answer', weight: 1 },
  ],
  useTokenSearch: true,
  ignoreLocation: true,
  threshold: 0.1,
  fieldNormWeight: 0.5,
  includeScore: true,
  tokenize: words,
};

function fuseTuned(kb: KnowledgeBase): TopHit {
  const fuse = new Fuse(documents(kb), FUSE_TUNED_OPTIONS);
  return (query) => {
    const hit = fuse.search(query, { limit: 1 })[0];
    return hit ? { id: hit.item.id, score: 1 - (hit.score ?? 1) } : undefined;
  };
}

/** MiniSearch (BM25+) with fuzzy and prefix matching, boosted fields, stop words removed. */
export const MINISEARCH_SEARCH = {
  boost: { title: 3, questions: 2, tags: 1.5, answer: 0.5 },
  fuzzy: 0.2,
  prefix: true,
  combineWith: 'OR',
} as const;

function miniSearch(kb: KnowledgeBase): TopHit {
  const index = new MiniSearch({
    fields: ['title', 'questions', 'tags', 'answer'],
    extractField: (doc, field) => {
      const value = (doc as Record<string, unknown>)[field];
      return Array.isArray(value) ? value.join('\n') : String(value ?? '');
    },
    processTerm: (term) => (STOP_WORDS.has(term.toLowerCase()) ? null : term.toLowerCase()),
    searchOptions: MINISEARCH_SEARCH,
  });
  index.addAll(documents(kb));
  return (query) => {
    const hit = index.search(query)[0];
    // BM25 grows with the number of words matched: per distinct query word, it is comparable across questions.
    return hit
      ? { id: String(hit.id), score: hit.score / Math.max(1, new Set(words(query)).size) }
      : undefined;
  };
}

export const CONTESTANTS: readonly Contestant[] = [
  {
    key: 'berth',
    name: 'Berth',
    setup: 'new Answerer(kb).answer(q): the shipped matcher and decision rules',
    answers: (kb) => berthResponder(new Answerer(kb)),
  },
  {
    key: 'fuseDefaults',
    name: 'fuse.js defaults',
    setup: 'new Fuse(entries, { keys: [title, questions] }), top hit (src/eval/baselines.ts)',
    answers: fuseDefaultBaseline,
  },
  {
    key: 'fuseTuned',
    name: 'fuse.js tuned',
    setup:
      'useTokenSearch, ignoreLocation, threshold 0.1, fieldNormWeight 0.5, keys title 3 / questions 2 / tags 1 / answer 1, stop words removed',
    ranks: fuseTuned,
  },
  {
    key: 'minisearch',
    name: 'MiniSearch',
    setup:
      'BM25+, fuzzy 0.2, prefix, boost title 3 / questions 2 / tags 1.5 / answer 0.5, stop words removed; score per query word',
    ranks: miniSearch,
  },
];

/** Answers with the top hit when its score reaches `cutoff`; otherwise falls back. */
export function answerAbove(topHit: TopHit, cutoff: number): RealResponder {
  return (query) => {
    const hit = topHit(query);
    const ranked = hit ? [hit.id] : [];
    return hit && hit.score >= cutoff
      ? { outcome: 'answer', answered: hit.id, ranked, confidence: null }
      : { outcome: 'fallback', answered: null, ranked, confidence: null };
  };
}
