import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.ts';
import { loadEvalSet } from '../../src/cli/eval.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { fuseDefaultBaseline } from '../../src/eval/baseline.ts';
import { berthResponder } from '../../src/eval/berth-responder.ts';
import { EVAL_TARGETS, evaluate } from '../../src/eval/evaluate.ts';
import { OFF_TOPIC, SMALLTALK_PREFIX } from '../../src/eval/labelled.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import { questionKey } from '../../src/text/normalize.ts';

const knowledge = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);
const berth = new Answerer(knowledge);
const { queries, problems } = loadEvalSet(berth, path.resolve(import.meta.dirname, '../eval'));
const onTopic = queries.filter((q) => q.expected !== OFF_TOPIC && !q.expected.startsWith(SMALLTALK_PREFIX));

describe('the labelled evaluation set', () => {
  it('is well formed and names only real entries', () => {
    expect(problems).toEqual([]);
    expect(queries.length).toBeGreaterThanOrEqual(250);
    expect(queries.filter((q) => q.expected === OFF_TOPIC).length).toBeGreaterThanOrEqual(50);
  });

  it('exercises every entry with at least one query', () => {
    const exercised = new Set(onTopic.map((q) => q.expected));
    const missing = [...knowledge.entries.keys()].filter((id) => !exercised.has(id));
    expect(missing).toEqual([]);
  });

  it('never copies an entry title or alternate (it must test unseen wording)', () => {
    const known = new Set<string>();
    for (const e of knowledge.entries.values())
      for (const q of [e.title, ...e.questions]) known.add(questionKey(q));
    const copies = queries.filter((q) => known.has(questionKey(q.query))).map((q) => `${q.file}:${q.line}`);
    expect(copies).toEqual([]);
  });
});

describe('match quality (berth eval)', () => {
  const ours = evaluate(queries, berthResponder(berth));
  const baseline = evaluate(queries, fuseDefaultBaseline(knowledge));

  it(`meets the targets: top-1 >= ${EVAL_TARGETS.top1 * 100}%, wrong <= ${EVAL_TARGETS.wrongRate * 100}%, off-topic declined >= ${EVAL_TARGETS.offTopicDeclined * 100}%`, () => {
    expect(ours.top1).toBeGreaterThanOrEqual(EVAL_TARGETS.top1);
    expect(ours.wrongRate).toBeLessThanOrEqual(EVAL_TARGETS.wrongRate);
    expect(ours.offTopicDeclined).toBeGreaterThanOrEqual(EVAL_TARGETS.offTopicDeclined);
  });

  it('beats fuse.js with default options by a wide margin', () => {
    expect(ours.top1 - baseline.top1).toBeGreaterThanOrEqual(0.2);
    expect(ours.wrongRate).toBeLessThan(baseline.wrongRate);
  });
});
