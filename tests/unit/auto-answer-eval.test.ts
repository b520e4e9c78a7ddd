import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.ts';
import { answersUnasked } from '../../src/auto-answer/question-shape.ts';
import { evalCommand } from '../../src/cli/eval.ts';
import { BUILTIN_KNOWLEDGE_DIR, readCoreConfig } from '../../src/config.ts';
import { berthResponder } from '../../src/eval/baselines.ts';
import { scored } from '../../src/eval/fit-reranker.ts';
import { evaluateReal } from '../../src/eval/real-eval.ts';
import { readRealQuestions } from '../../src/eval/real-questions.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import { FITTED_AUTO_ANSWER_THRESHOLD } from '../../src/match/reranker-weights.ts';
import { tempDir } from './knowledge-helpers.ts';

// `berth eval` measures automatic answers with the rule the service applies, at the threshold
// the configuration gives (AUTO_ANSWER_THRESHOLD, default the fitted one).

const CORPUS = new URL('../eval/real/questions.tsv', import.meta.url).pathname;
const knowledge = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);

describe('automatic answers in berth eval', () => {
  it('reads AUTO_ANSWER_THRESHOLD, by default the fitted threshold', () => {
    expect(readCoreConfig({}).autoAnswerThreshold).toBe(FITTED_AUTO_ANSWER_THRESHOLD);
    expect(readCoreConfig({ AUTO_ANSWER_THRESHOLD: '0.95' }).autoAnswerThreshold).toBe(0.95);
    expect(
      new Answerer(knowledge, readCoreConfig({ AUTO_ANSWER_THRESHOLD: '0.9' })).autoAnswerThreshold,
    ).toBe(0.9);
  });

  it('counts exactly the questions the service would answer unasked', () => {
    const answerer = new Answerer(knowledge);
    const test = scored(readRealQuestions(CORPUS).questions.filter((q) => q.split === 'test'));
    const figures = evaluateReal(test, berthResponder(answerer), 0.9);
    const expected = test.filter(
      (q) => q.label.kind !== 'unusable' && answersUnasked(q.question, answerer.answer(q.question), 0.9),
    );
    expect(figures.autoAnswer).toMatchObject({ threshold: 0.9, answered: expected.length });
    expect(expected.length).toBeGreaterThan(10);
  });

  it('is given the configured threshold by `berth eval`', () => {
    const rows = readFileSync(CORPUS, 'utf8').split('\n');
    const [header] = rows;
    const pick = (split: string) => rows.filter((r) => r.split('\t')[1] === split).slice(0, 3);
    const set = path.join(tempDir('berth-eval-'), 'few.tsv');
    writeFileSync(set, [header, ...pick('dev'), ...pick('test')].join('\n'));
    const stdout = new PassThrough();
    const io = { stdin: process.stdin, stdout, stderr: new PassThrough() };
    const options = readCoreConfig({ AUTO_ANSWER_THRESHOLD: '0.93' });
    evalCommand(knowledge, options, ['--set', set, '--json', '--no-baselines'], io);
    const { results } = JSON.parse(String(stdout.read())) as {
      results: { split: string; berth: { autoAnswer: { threshold: number } } }[];
    };
    expect(results.map((r) => [r.split, r.berth.autoAnswer.threshold])).toEqual([
      ['dev', 0.93],
      ['test', 0.93],
    ]);
  });
});
