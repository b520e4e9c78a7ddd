import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { readRealQuestions } from '../../src/eval/real-questions.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { Matcher } from '../../src/match/matcher.ts';
import { editDistance, letterDifference } from '../../src/match/spelling.ts';
import type { Ranking } from '../../src/match/types.ts';
import { manyEntries } from './many-entries.ts';

// The scorer fully scores only the entries whose upper bound can still reach the top k. Asking for
// every entry (k = the whole knowledge base) prunes nothing: that ranking is the exhaustive one, and
// its head must be exactly what the pruned ranking returns.
function comparable(r: Ranking, limit: number) {
  return {
    candidates: r.candidates
      .slice(0, limit)
      .map((c) => ({ id: c.entry.id, score: c.score, detail: c.detail })),
  };
}

describe('the matcher over 1,000 entries', () => {
  let kb: KnowledgeBase;
  let matcher: Matcher;
  let questions: string[];

  beforeAll(() => {
    const real = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);
    kb = manyEntries(real, 1000);
    matcher = new Matcher(kb);
    const corpus = path.resolve(import.meta.dirname, '../eval/real/questions.tsv');
    const labelled = readRealQuestions(corpus).questions.map((q) => q.question);
    const titles = [...kb.entries.values()].filter((_, i) => i % 25 === 0).map((e) => e.title);
    questions = [...labelled.filter((_, i) => i % 6 === 0), ...titles, 'docker', 'container image'];
  });

  it('returns exactly the head of the exhaustive ranking, scores and details included', () => {
    for (const question of questions) {
      const everything = matcher.rank(question, kb.entries.size + 10);
      for (const limit of [1, 5]) {
        expect(comparable(matcher.rank(question, limit), limit), question).toEqual(
          comparable(everything, limit),
        );
      }
    }
  });

  it('ranks a synthetic entry first for its own title', () => {
    const entry = [...kb.entries.values()].filter((e) => e.id.startsWith('many')).at(-1);
    expect(entry).toBeDefined();
    expect(matcher.rank(entry?.title ?? '', 3).candidates[0]?.entry.id).toBe(entry?.id);
  });
});

describe('the letter-count bound used before computing edit distances', () => {
  it('never exceeds the edit distance', () => {
    const words = [
      'namespace',
      'namspace',
      'cgroup',
      'cgruop',
      'docker',
      'dokcer',
      'kubernetes',
      'zoom',
      'oom',
    ];
    for (const a of words)
      for (const b of words) expect(letterDifference(a, b)).toBeLessThanOrEqual(editDistance(a, b, 20));
  });

  it('counts the letters one word has and the other lacks', () => {
    expect(letterDifference('docker', 'dokcer')).toBe(0);
    expect(letterDifference('image', 'images')).toBe(1);
    expect(letterDifference('abc', 'xyz')).toBe(3);
  });
});
