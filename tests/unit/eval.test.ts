import { describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { berthResponder } from '../../src/eval/baselines.ts';
import { scored } from '../../src/eval/fit-reranker.ts';
import { evaluateReal, withTypo } from '../../src/eval/real-eval.ts';
import { readRealQuestions, splitOf } from '../../src/eval/real-questions.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import { questionKey } from '../../src/text/normalize.ts';

const CORPUS = new URL('../eval/real/questions.tsv', import.meta.url).pathname;
const knowledge = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);
const berth = new Answerer(knowledge);
const { questions, problems } = readRealQuestions(CORPUS);
const test = scored(questions.filter((q) => q.split === 'test'));

/**
 * The CI gate: Answerer's figures on the real test split may not fall below what the committed
 * matcher reaches (docs/DESIGN.md records them). They guard against regressions; the answers
 * issue's targets are reported by `berth eval`, met or not.
 */
const GATE = {
  answeredCorrectly: 0.2,
  bestFirst: 0.58,
  wrongRate: 0.07,
  offTopicDeclined: 0.95,
  ece: 0.1,
  typoCost: 0.03,
};

describe('the real-question corpus', () => {
  it('is well formed: every row parses, sits in the split its URL hashes to, and names real entries', () => {
    expect(problems).toEqual([]);
    for (const q of questions) expect(splitOf(q.url), q.id).toBe(q.split);
    const unknown = questions.flatMap((q) =>
      q.label.kind === 'entries'
        ? q.label.ids
            .filter((id) => !knowledge.entries.has(knowledge.aliases.get(id) ?? id))
            .map((id) => `${q.id}: ${id}`)
        : [],
    );
    expect(unknown).toEqual([]);
  });

  it('is large enough to measure: 600 on-topic, 150 off-topic of which 50 near misses', () => {
    const onTopic = questions.filter((q) => q.label.kind === 'entries' || q.label.kind === 'unanswered');
    const offTopic = questions.filter((q) => q.label.kind === 'off-topic');
    expect(onTopic.length).toBeGreaterThanOrEqual(600);
    expect(offTopic.length).toBeGreaterThanOrEqual(150);
    expect(offTopic.filter((q) => q.note.startsWith('near-miss')).length).toBeGreaterThanOrEqual(50);
    expect(new Set(questions.map((q) => q.url)).size).toBe(questions.length);
  });

  it('never lends a test question to the knowledge as an alternate or asked phrasing', () => {
    const phrasings = new Set<string>();
    for (const e of knowledge.entries.values())
      for (const q of [e.title, ...e.questions, ...(e.asked ?? [])]) phrasings.add(questionKey(q));
    const leaked = test.filter((q) => phrasings.has(questionKey(q.question))).map((q) => q.id);
    expect(leaked).toEqual([]);
  });
});

describe('match quality on the real test split (the CI gate)', () => {
  const figures = evaluateReal(test, berthResponder(berth));
  const typo = evaluateReal(
    test.filter((q) => q.label.kind === 'entries').map((q) => ({ ...q, question: withTypo(q.question) })),
    berthResponder(berth),
  );

  it(`answers at least ${GATE.answeredCorrectly * 100}% correctly outright with at most ${GATE.wrongRate * 100}% wrong answers`, () => {
    expect(figures.answeredCorrectly).toBeGreaterThanOrEqual(GATE.answeredCorrectly);
    expect(figures.wrongRate).toBeLessThanOrEqual(GATE.wrongRate);
  });

  it(`ranks a right entry first for at least ${GATE.bestFirst * 100}% of questions that have one`, () => {
    expect(figures.bestFirst).toBeGreaterThanOrEqual(GATE.bestFirst);
  });

  it(`declines at least ${GATE.offTopicDeclined * 100}% of off-topic questions`, () => {
    expect(figures.offTopicDeclined).toBeGreaterThanOrEqual(GATE.offTopicDeclined);
  });

  it(`keeps its confidence calibrated (ECE <= ${GATE.ece}) and loses at most ${GATE.typoCost * 100} points to one typo`, () => {
    expect(figures.ece).not.toBeNull();
    expect(figures.ece ?? 1).toBeLessThanOrEqual(GATE.ece);
    expect(figures.answeredCorrectly - typo.answeredCorrectly).toBeLessThanOrEqual(GATE.typoCost);
  });
});

describe("the seed document's seven questions", () => {
  // The original wording, then three casual rewordings each (written for this test).
  const seed: Record<string, string[]> = {
    'ubuntu-container-real-ubuntu': [
      "When we run a container of 'Ubuntu', is it running a real Ubuntu in my host machine or not?",
      'is an ubuntu container actually ubuntu',
      'if i docker run ubuntu do i get a real ubuntu install',
      'ubuntu image in docker, real ubuntu or fake?',
    ],
    'how-images-work': [
      'How do the images work? If I have many images, does it mean I also have all the copies?',
      'do 10 images based on the same base take 10x the disk',
      'does every image keep its own full copy of the os',
      'lots of images = lots of copies on disk?',
    ],
    'windows-containers-native-or-hyperv': [
      'When running container on Windows, is it running natively or still via the hyper-v?',
      'do windows containers use hyper-v under the hood',
      'are containers on windows native or a vm',
      'windows containers: native or hyperv?',
    ],
    'windows-vs-linux-images': [
      "What's the differences between image for windows container and image for linux container?",
      'windows image vs linux image, what is different',
      'can a linux image run as a windows container',
      'why cant i use linux images on windows containers',
    ],
    'image-naming': [
      'How do the images manage their versions?',
      'how does docker version images',
      'what are the parts of an image name registry name tag',
      'how do image versions work in docker',
    ],
    'run-without-tag-latest': [
      'When I run a container without specify the image version, am I always getting the latest version?',
      'docker run without a tag, do i get the newest version',
      'does docker run pull the latest image every time',
      'no tag on docker run = latest version?',
    ],
    'bake-app-into-image': [
      'When ship the app, which way is better? Build image with application, or provision the container with the app after it is up.',
      'should i put my app in the image or install it when the container starts',
      'bake the app into the docker image or install at startup?',
      'is it better to build the app into the image',
    ],
  };
  for (const [id, [original, ...casual]] of Object.entries(seed)) {
    it(`answers ${id} outright in the seed's words, and ranks it first for three casual rewordings`, () => {
      const reply = berth.answer(original ?? '');
      expect(reply.outcome === 'answer' ? reply.id : reply.outcome).toBe(id);
      // Casual rewordings rank the entry first; whether Berth answers outright or offers it first
      // depends on the calibrated confidence (docs/DESIGN.md).
      expect(casual.map((q) => berth.rank(q, 1).candidates[0]?.entry.id)).toEqual(casual.map(() => id));
    });
  }
});
