import { describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { FOLDS, foldOf, rankHeldOut, scored, withoutAsked } from '../../src/eval/fit-reranker.ts';
import { readRealQuestions } from '../../src/eval/real-questions.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import { FEATURE_NAMES } from '../../src/match/reranker.ts';

const kb = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);
const berth = new Answerer(kb);
const WORD_ORDER = FEATURE_NAMES.indexOf('engine.wordOrder');
const featuresOf = (question: string, id: string) =>
  berth.rank(question, 10).candidates.find((c) => c.entry.id === id)?.features;

describe('word order', () => {
  it('tells two questions with the same words in another order apart', () => {
    // Same terms, swapped roles: the entry whose phrasing keeps the order scores higher on it.
    const right = featuresOf('windows containers on linux', 'windows-containers-on-linux');
    const swapped = featuresOf('linux containers on windows', 'windows-containers-on-linux');
    expect(right?.[WORD_ORDER]).toBe(1);
    expect(swapped?.[WORD_ORDER]).toBeLessThan(1);
  });

  it('never answers the reverse question with the other entry', () => {
    const reply = berth.answer('can linux containers run on windows');
    expect(reply.outcome === 'answer' ? reply.id : reply.outcome).not.toBe('windows-containers-on-linux');
  });

  it('still answers an everyday rewording whose words come in another order', () => {
    const reply = berth.answer('how do I limit the memory of a container?');
    expect(reply.outcome === 'answer' && reply.id).toBe('memory-limit');
  });
});

describe('asked phrasings in cross-validation', () => {
  const dev = scored(
    readRealQuestions(new URL('../eval/real/questions.tsv', import.meta.url).pathname).questions.filter(
      (q) => q.split === 'dev',
    ),
  );
  const asked = (k: typeof kb) => [...k.entries.values()].flatMap((e) => e.asked ?? []);

  it('are in the shipped knowledge, and each fold leaves out exactly its own', () => {
    const all = new Set(asked(kb));
    expect(all.size).toBeGreaterThan(300);
    for (let fold = 0; fold < FOLDS; fold++) {
      const mine = dev.filter((q) => foldOf(q) === fold);
      const left = new Set(asked(withoutAsked(kb, mine)));
      for (const q of mine) expect(left.has(q.question), q.id).toBe(false);
      const others = dev.filter((q) => foldOf(q) !== fold && all.has(q.question));
      for (const q of others) expect(left.has(q.question), q.id).toBe(true);
    }
  });

  it('never let a dev question match itself word for word when it is ranked for fitting', () => {
    const sample = dev.filter((q) => q.label.kind === 'entries').slice(0, 40);
    const ranked = rankHeldOut(kb, sample);
    const EXACT = FEATURE_NAMES.indexOf('engine.exactPhrasing');
    const selfMatches = sample.filter((q, i) =>
      ranked[i]!.candidates.some((c) => c.detail.question === q.question && c.features[EXACT] === 1),
    );
    expect(selfMatches.map((q) => q.id)).toEqual([]);
    // With its own phrasing in the knowledge, the same question does match itself (the check can fail).
    const inSample = sample.filter((q) =>
      berth.rank(q.question, 10).candidates.some((c) => c.detail.question === q.question),
    );
    expect(inSample.length).toBeGreaterThan(30);
  });
});
