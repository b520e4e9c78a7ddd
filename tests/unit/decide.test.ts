import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type Decision, decide } from '../../src/answer/decide.ts';
import type { Entry } from '../../src/knowledge/types.ts';
import type { Candidate } from '../../src/match/types.ts';

// decide() over hand-made rankings: no knowledge at all, so only a change of the rules breaks it.

function candidate(id: string, score: number): Candidate {
  const lines = { title: 1, reviewed: 1, questions: [], related: [], answer: 1 };
  const entry: Entry = {
    ...{ id, topic: 't', title: id, questions: [], tags: [], links: [], related: [], replaces: [] },
    ...{ answer: '', source: { file: `${id}.md`, line: 1 }, layer: 0, lines },
  };
  return { entry, score, detail: { queryCoverage: score, questionMatch: score, question: id } };
}

/** The decision in one line: `answer:a`, `clarify:a,b`, `fallback:a` (the near misses). */
function verdict(scores: [string, number][], confidence: number): string {
  const decision: Decision = decide(
    { candidates: scores.map(([id, s]) => candidate(id, s)), confidence },
    DEFAULT_THRESHOLDS,
  );
  switch (decision.outcome) {
    case 'answer':
      return `answer:${decision.best.entry.id}`;
    case 'clarify':
      return `clarify:${decision.choices.map((c) => c.entry.id).join(',')}`;
    case 'fallback':
      return `fallback:${decision.near.map((c) => c.entry.id).join(',')}`;
  }
}

describe('decide', () => {
  it('answers when confident and the runner-up is far enough behind', () => {
    expect(
      verdict(
        [
          ['a', 0.8],
          ['b', 0.5],
        ],
        0.9,
      ),
    ).toBe('answer:a');
    expect(verdict([['a', 0.8]], 0.4)).toBe('answer:a');
    expect(
      verdict(
        [
          ['a', 0.59],
          ['b', 0.5],
        ],
        0.9,
      ),
    ).toBe('answer:a');
  });

  it('asks "did you mean" when the runner-up is too close, offering the two best and any within reach', () => {
    expect(
      verdict(
        [
          ['a', 0.57],
          ['b', 0.5],
        ],
        0.9,
      ),
    ).toBe('clarify:a,b');
    expect(
      verdict(
        [
          ['a', 0.6],
          ['b', 0.59],
          ['c', 0.46],
          ['d', 0.44],
        ],
        0.9,
      ),
    ).toBe('clarify:a,b,c');
    expect(
      verdict(
        [
          ['a', 0.6],
          ['b', 0.3],
          ['c', 0.2],
        ],
        0.2,
      ),
    ).toBe('clarify:a,b');
  });

  it('asks rather than answers between the two thresholds', () => {
    expect(
      verdict(
        [
          ['a', 0.8],
          ['b', 0.2],
        ],
        0.39,
      ),
    ).toBe('clarify:a,b');
    expect(
      verdict(
        [
          ['a', 0.8],
          ['b', 0.2],
        ],
        0.15,
      ),
    ).toBe('clarify:a,b');
  });

  it('falls back below the clarify threshold, suggesting near misses scoring 0.3 or more', () => {
    expect(
      verdict(
        [
          ['a', 0.5],
          ['b', 0.35],
          ['c', 0.31],
          ['d', 0.3],
          ['e', 0.29],
        ],
        0.14,
      ),
    ).toBe('fallback:a,b,c');
    expect(verdict([['a', 0.29]], 0.1)).toBe('fallback:');
  });

  it('falls back when the best entry shares only a word or two with the question, however it stands out', () => {
    expect(verdict([['a', 0.24]], 0.99)).toBe('fallback:');
  });

  it('falls back when nothing matched at all', () => {
    expect(verdict([], 0)).toBe('fallback:');
  });

  it('uses the thresholds it is given', () => {
    const strict = { answer: 0.95, clarify: 0.5, margin: 0.3 };
    const ranking = { candidates: [candidate('a', 0.8), candidate('b', 0.55)], confidence: 0.9 };
    expect(decide(ranking, strict).outcome).toBe('clarify');
    expect(decide(ranking, DEFAULT_THRESHOLDS).outcome).toBe('answer');
  });
});
