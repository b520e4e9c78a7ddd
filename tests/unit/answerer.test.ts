import { describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.ts';
import { DEFAULT_THRESHOLDS } from '../../src/answer/decide.ts';
import { toReplyJson } from '../../src/answer/reply.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';

const knowledge = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);
const berth = new Answerer(knowledge);
const ask = (q: string) => berth.answer(q);

describe('Berth answers', () => {
  it('answers the seed questions with their own entries', () => {
    expect(toReplyJson(ask('what is a cgroup'))).toMatchObject({ outcome: 'answer', id: 'what-is-a-cgroup' });
    expect(toReplyJson(ask('When I run an Ubuntu container, is it a real Ubuntu?'))).toMatchObject({
      id: 'ubuntu-container-real-ubuntu',
    });
    expect(toReplyJson(ask('can windows containers run on a linux host?'))).toMatchObject({
      id: 'windows-containers-on-linux',
    });
  });

  it('gives an answer with links and related questions', () => {
    const reply = ask('what is a cgroup');
    if (reply.outcome !== 'answer') throw new Error(`expected an answer, got ${reply.outcome}`);
    expect(reply.markdown).toMatch(/control group/i);
    expect(reply.links[0]?.url).toMatch(/^https:\/\//);
    expect(reply.related.length).toBeGreaterThanOrEqual(2);
    expect(reply.confidence).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.answer);
  });

  it('understands abbreviations from the synonyms table', () => {
    expect(
      toReplyJson(ask('whats a pod in k8s')).id ?? toReplyJson(ask('whats a pod in k8s')).suggestions[0]?.id,
    ).toBe('what-is-a-pod');
  });

  it('corrects typos against its own vocabulary', () => {
    const reply = toReplyJson(ask('what is a namspace'));
    expect(reply.id ?? reply.suggestions[0]?.id).toBe('what-is-a-namespace');
  });

  it('keeps technical tokens whole', () => {
    expect(toReplyJson(ask('is mounting /var/run/docker.sock into a container safe?'))).toMatchObject({
      outcome: 'answer',
      id: 'docker-socket',
    });
    expect(toReplyJson(ask('what does the --memory flag do'))).toMatchObject({ id: 'memory-limit' });
  });

  it('recognises small talk', () => {
    expect(ask('hi')).toMatchObject({ outcome: 'smalltalk', intent: 'greeting' });
    expect(ask('Thanks Berth!')).toMatchObject({ outcome: 'smalltalk', intent: 'thanks' });
    expect(ask('who are you?')).toMatchObject({ outcome: 'smalltalk', intent: 'who-are-you' });
  });

  it('treats empty and whitespace-only input as a request for help with topics', () => {
    for (const input of ['', '   ', '\n\t', '???', '🙂🙂']) {
      const reply = ask(input);
      expect(reply).toMatchObject({ outcome: 'smalltalk', intent: 'help' });
      if (reply.outcome === 'smalltalk') expect(reply.topics.length).toBe(knowledge.topics.length);
    }
  });

  it('declines off-topic questions and names the escalation', () => {
    for (const q of [
      'how many vacation days do I get',
      'how do I reverse a list in python',
      'what is the capital of France',
    ]) {
      const reply = ask(q);
      expect(reply.outcome, q).toBe('fallback');
      if (reply.outcome === 'fallback') expect(reply.markdown).toContain('#platform-help');
    }
  });

  it("declines a question from an out-of-scope category with that category's reply, offering no entries", () => {
    const reply = ask('how do I tag a release in git');
    if (reply.outcome !== 'fallback') throw new Error(`expected a fallback, got ${reply.outcome}`);
    expect(reply.markdown).toMatch(/version control question/);
    expect(reply.markdown).toContain('#platform-help');
    expect(reply.suggestions).toEqual([]);
    expect(berth.search('how do I tag a release in git').map((s) => s.id)).not.toContain('version-control');
  });

  it('never gives a confident answer to other languages', () => {
    for (const q of [
      '¿Cuántos días de vacaciones tengo?',
      'Wie spät ist es?',
      '今日は天気がいいですね',
      'Quel temps fait-il ?',
    ]) {
      expect(ask(q).outcome, q).not.toBe('answer');
    }
  });

  it('asks "did you mean" with 2-3 choices when entries are equally close', () => {
    const reply = ask('namespace');
    expect(['answer', 'clarify']).toContain(reply.outcome);
    const clarify = [ask('limits'), ask('docker'), ask('image')].find((r) => r.outcome === 'clarify');
    if (clarify?.outcome !== 'clarify') throw new Error('expected a clarify reply for a one-word question');
    expect(clarify.candidates.length).toBeGreaterThanOrEqual(2);
    expect(clarify.candidates.length).toBeLessThanOrEqual(3);
  });
});

describe('bad input never throws and never confidently answers nonsense', () => {
  const inputs: [string, string][] = [
    ['10,000 characters', 'why is my image so big '.repeat(420)],
    ['emoji', '🐳🐳🐳 🚢 📦'],
    ['code block', '```\nFROM node:20\nRUN npm ci\nCMD ["node", "server.js"]\n```'],
    ['Slack markup', '<@U123ABC> <!channel> <!here> what is a <https://kernel.org|cgroup>?'],
    ['Teams markup', '<at>Berth</at> what is a namespace?'],
    ['fuse.js operators', "!docker ^image =latest 'tag | registry$"],
    ['control characters', 'what\u0000is\u0007a\u001bcgroup'],
    ['HTML', '<img src=x onerror=alert(1)> what is docker'],
    ['lone surrogates', '\ud83d what \udc33 is docker'],
    ['only punctuation', '!!!???...'],
  ];
  it.each(inputs)('%s', (_name, input) => {
    const reply = ask(input);
    expect(['answer', 'clarify', 'fallback', 'smalltalk']).toContain(reply.outcome);
    expect(reply.query.length).toBeLessThanOrEqual(1000);
    expect(JSON.stringify(toReplyJson(reply))).not.toContain('\u0000');
  });

  it('still understands a question buried in HTML (each channel removes its own markup first)', () => {
    expect(toReplyJson(ask('<p>what is a <b>cgroup</b>?</p>'))).toMatchObject({ id: 'what-is-a-cgroup' });
  });

  it('is deterministic', () => {
    const q = 'why did docker run not pull the new latest image';
    expect(toReplyJson(ask(q))).toEqual(toReplyJson(new Answerer(knowledge).answer(q)));
  });
});

describe('answerById and search', () => {
  it('answers a chosen entry, and says so when the id is unknown', () => {
    expect(berth.answerById('docker-socket')).toMatchObject({ outcome: 'answer', id: 'docker-socket' });
    const gone = berth.answerById('no-such-entry');
    expect(gone.outcome).toBe('fallback');
    expect(gone.outcome === 'fallback' && gone.markdown).toMatch(/no longer/);
  });

  it('searches as you type', () => {
    const hits = berth.search('multi stage');
    expect(hits.map((h) => h.id)).toContain('multi-stage-builds');
    expect(berth.search('')).toEqual([]);
  });
});
