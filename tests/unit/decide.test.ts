import { describe, expect, it } from 'vitest';
import { type Decision, decide, MAX_CLARIFY_TERMS, type Thresholds } from '../../src/answer/decide.ts';
import type { Entry } from '../../src/knowledge/types.ts';
import type { RankedCandidate } from '../../src/match/ranker.ts';

// decide() over hand-made rankings: no knowledge and no model, so only a change of the rules breaks it.

const T: Thresholds = { answer: 0.75, clarify: 0.15, margin: 0.25 };

function candidate(id: string, probability: number): RankedCandidate {
  const lines = { title: 1, reviewed: 1, questions: [], related: [], answer: 1 };
  const entry: Entry = {
    ...{ id, topic: 't', title: id, questions: [], tags: [], links: [], related: [], replaces: [] },
    ...{ answer: '', source: { file: `${id}.md`, line: 1 }, layer: 0, lines },
  };
  return {
    entry,
    score: probability,
    detail: { queryCoverage: 0, questionMatch: 0, question: id, questionTerms: [] },
    probability,
    features: [],
  };
}

/** The decision in one line: `answer:a (not it: b)`, `clarify:a,b`, `fallback:a` (the suggestions). */
function verdict(probabilities: [string, number][], totalTerms = 6): string {
  const candidates = probabilities.map(([id, p]) => candidate(id, p));
  const decision: Decision = decide(
    { candidates, confidence: candidates[0]?.probability ?? 0, totalTerms },
    T,
  );
  switch (decision.outcome) {
    case 'answer':
      return `answer:${decision.best.entry.id} (not it: ${decision.runnersUp.map((c) => c.entry.id).join(',')})`;
    case 'clarify':
      return `clarify:${decision.choices.map((c) => c.entry.id).join(',')}`;
    case 'fallback':
      return `fallback:${decision.near.map((c) => c.entry.id).join(',')}`;
  }
}

describe('decide', () => {
  it('answers at the answer threshold, offering up to two runners-up that are at least 10% likely', () => {
    expect(
      verdict([
        ['a', 0.75],
        ['b', 0.3],
        ['c', 0.12],
        ['d', 0.11],
      ]),
    ).toBe('answer:a (not it: b,c)');
    expect(
      verdict([
        ['a', 0.9],
        ['b', 0.09],
      ]),
    ).toBe('answer:a (not it: )');
    expect(
      verdict([
        ['a', 0.749],
        ['b', 0.01],
      ]),
    ).toBe('fallback:a');
  });

  it('asks "did you mean" only for a short question with several likely entries', () => {
    const close: [string, number][] = [
      ['a', 0.4],
      ['b', 0.35],
      ['c', 0.2],
      ['d', 0.12],
    ];
    expect(verdict(close, MAX_CLARIFY_TERMS)).toBe('clarify:a,b,c');
    expect(verdict(close, MAX_CLARIFY_TERMS + 1)).toBe('fallback:a,b,c');
    // One likely entry is not a choice: say so and suggest it.
    expect(
      verdict(
        [
          ['a', 0.4],
          ['b', 0.05],
        ],
        1,
      ),
    ).toBe('fallback:a');
    // Runners-up beyond the margin are not offered as choices.
    expect(
      verdict(
        [
          ['a', 0.6],
          ['b', 0.36],
          ['c', 0.3],
        ],
        2,
      ),
    ).toBe('clarify:a,b');
  });

  it('falls back below the clarify threshold, suggesting only candidates at least 10% likely', () => {
    expect(
      verdict(
        [
          ['a', 0.14],
          ['b', 0.13],
        ],
        1,
      ),
    ).toBe('fallback:a,b');
    expect(
      verdict([
        ['a', 0.09],
        ['b', 0.05],
      ]),
    ).toBe('fallback:');
    expect(verdict([])).toBe('fallback:');
  });
});
