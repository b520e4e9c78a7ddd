import { describe, expect, it } from 'vitest';
import { Answerer } from '../../src/answer/answerer.ts';
import { type Reply, toReplyJson } from '../../src/answer/reply.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';

// The core's behaviour over small fixture knowledge (mini: the basics and images; more: pods,
// the Docker socket, memory limits, tags; overlay: two near-identical "frobnicate" entries), so
// an edit of the shipped knowledge cannot break these tests. Each expectation is exact.

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const knowledge = loadKnowledgeOrThrow([
  fixture('knowledge-mini'),
  fixture('knowledge-more'),
  fixture('knowledge-overlay'),
]);
// The rules under test, at thresholds of their own: the shipped ones are fitted to the shipped
// knowledge and real questions (npm run fit), which a three-file fixture is not.
const THRESHOLDS = { answer: 0.5, clarify: 0.15, margin: 0.25 };
const answerer = new Answerer(knowledge, { thresholds: THRESHOLDS });
const ask = (q: string) => answerer.answer(q);

/** A reply in one line: `answer:<id>`, `clarify:<id>,<id>`, `fallback`, `smalltalk:<intent>`. */
function verdict(reply: Reply): string {
  switch (reply.outcome) {
    case 'answer':
      return `answer:${reply.id}`;
    case 'clarify':
      return `clarify:${reply.candidates.map((c) => c.id).join(',')}`;
    case 'fallback':
      return 'fallback';
    case 'smalltalk':
      return `smalltalk:${reply.intent}`;
  }
}
const verdictOf = (q: string) => verdict(ask(q));

describe('the Answerer', () => {
  it('answers a question with its entry, the entry’s links and its related questions', () => {
    const reply = ask('what is a cgroup');
    expect(toReplyJson(reply)).toEqual({
      query: 'what is a cgroup',
      outcome: 'answer',
      id: 'what-is-a-cgroup',
      title: 'What is a cgroup?',
      answer: knowledge.entries.get('what-is-a-cgroup')?.answer,
      links: [{ title: 'cgroups(7)', url: 'https://man7.org/linux/man-pages/man7/cgroups.7.html' }],
      // The title itself, word for word: as sure as the reranker gets.
      confidence: expect.closeTo(1, 2),
      suggestions: [{ id: 'what-is-a-namespace', title: 'What is a Linux namespace?' }],
      alternatives: [],
    });
  });

  it('understands abbreviations from the synonyms table', () => {
    expect(verdictOf('whats a pod in k8s')).toBe('answer:what-is-a-pod');
    expect(verdictOf('why is my img so big')).toBe('answer:why-image-so-big');
  });

  it('corrects a typo against its own vocabulary', () => {
    expect(verdictOf('what is a namspace')).toBe('answer:what-is-a-namespace');
  });

  it('keeps technical tokens whole', () => {
    expect(verdictOf('is mounting /var/run/docker.sock into a container safe?')).toBe('answer:docker-socket');
    expect(verdictOf('what does the --memory flag do')).toBe('answer:memory-limit');
    expect(verdictOf('tag digest')).toBe('answer:image-tags');
  });

  it('recognises small talk, but a question after a greeting is a question', () => {
    expect(['hi', 'Thanks Berth!', 'who are you?', 'thanks, that fixed it'].map(verdictOf)).toEqual([
      'smalltalk:greeting',
      'smalltalk:thanks',
      'smalltalk:who-are-you',
      'smalltalk:thanks',
    ]);
    expect(verdictOf('hi, why is my image so big')).toBe('answer:why-image-so-big');
  });

  it('treats empty, blank and letterless input as a request for help, with every topic', () => {
    for (const input of ['', '   ', '\n\t', '???', '🙂🙂']) {
      const reply = ask(input);
      expect(verdict(reply), JSON.stringify(input)).toBe('smalltalk:help');
      if (reply.outcome === 'smalltalk')
        expect(reply.topics.map((t) => t.name)).toEqual([
          'The basics',
          'Images',
          'Kubernetes',
          'Running',
          'Security',
          'Widgets',
        ]);
    }
  });

  it('asks "did you mean" with the close entries when it cannot tell them apart', () => {
    const reply = ask('frobnicate steps');
    expect(toReplyJson(reply)).toMatchObject({
      outcome: 'clarify',
      suggestions: [
        { id: 'frobnicate-gadget', title: 'How do I frobnicate a gadget?' },
        { id: 'frobnicate-widget', title: 'How do I frobnicate a widget?' },
      ],
    });
    expect(reply.markdown).toBe(knowledge.messages.clarify);
    // A bare keyword with one likely entry is not a choice: Berth says so and suggests it.
    const image = ask('image');
    expect(verdict(image)).toBe('fallback');
    expect(toReplyJson(image).suggestions.map((s) => s.id)).toEqual(['image-tags']);
  });

  it('declines what it does not know, naming who to ask', () => {
    for (const q of ['how many vacation days do I get', 'what is the capital of France']) {
      const reply = ask(q);
      expect(verdict(reply), q).toBe('fallback');
      expect(reply.markdown, q).toContain('#platform-help');
    }
    const configured = new Answerer(knowledge, { escalation: '#containers', thresholds: THRESHOLDS });
    expect(configured.answer('how many vacation days do I get').markdown).toContain('#containers');
  });

  it("declines a question of an out-of-scope category with that category's reply, offering no entry", () => {
    const reply = ask('how do I tag a release in git');
    if (reply.outcome !== 'fallback') throw new Error(`expected a fallback, got ${verdict(reply)}`);
    expect(reply.markdown).toMatch(/^That sounds like a Git or version control question/);
    expect(reply.markdown).toContain('#platform-help');
    expect(reply.suggestions).toEqual([]);
    expect(answerer.search('how do I tag a release in git', 8).map((s) => s.id)).not.toContain(
      'version-control',
    );
  });

  it('never answers questions in other languages', () => {
    const questions = ['¿Cuántos días de vacaciones tengo?', 'Wie spät ist es?', '今日は天気がいいですね'];
    expect(questions.map(verdictOf)).toEqual(['fallback', 'fallback', 'fallback']);
  });

  it('answers with confidence at or above the answer threshold, and says which entries it weighed', () => {
    expect(ask('whats a pod in k8s').confidence).toBeGreaterThanOrEqual(THRESHOLDS.answer);
    const ranking = answerer.rank('whats a pod in k8s');
    expect(ranking.candidates[0]?.entry.id).toBe('what-is-a-pod');
    expect(ranking.candidates[0]?.detail.question).toBe('What is a Kubernetes pod?');
  });
});

describe('bad input never throws, and never gets a confident answer to nonsense', () => {
  const cases: [string, string, string][] = [
    ['10,000 characters', 'why is my image so big '.repeat(420), 'answer:why-image-so-big'],
    ['emoji only', '🐳🐳🐳 🚢 📦', 'smalltalk:help'],
    ['a code block', '```\nFROM node:20\nRUN npm ci\nCMD ["node", "server.js"]\n```', 'fallback'],
    // A channel removes its own markup before asking; the core does not read it.
    ['Slack markup', '<@U123ABC> <!channel> what is a <https://kernel.org|cgroup>?', 'fallback'],
    ['fuse.js operators', "!docker ^image =latest 'tag | registry$", 'answer:image-tags'],
    ['control characters', 'what\u0000is\u0007a\u001bcgroup', 'answer:what-is-a-cgroup'],
    ['HTML', '<p>what is a <b>cgroup</b>?</p>', 'answer:what-is-a-cgroup'],
    ['lone surrogates', '\ud83d what \udc33 is a cgroup', 'answer:what-is-a-cgroup'],
    ['only punctuation', '!!!???...', 'smalltalk:help'],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    const reply = ask(input);
    expect(verdict(reply)).toBe(expected);
    expect(reply.query.length).toBeLessThanOrEqual(1000);
  });

  it('is deterministic', () => {
    const q = 'why did docker run not pull the new image';
    expect(toReplyJson(ask(q))).toEqual(
      toReplyJson(new Answerer(knowledge, { thresholds: THRESHOLDS }).answer(q)),
    );
  });
});

describe('answering a picked entry, and search', () => {
  it('answers a chosen entry; a retired id answers with the entry that replaced it', () => {
    expect(verdict(answerer.answerById('docker-socket'))).toBe('answer:docker-socket');
    expect(verdict(answerer.answerById('old-tags-entry'))).toBe('answer:image-tags');
  });

  it('says an unknown id is no longer known, naming who to ask', () => {
    const gone = answerer.answerById('no-such-entry');
    expect(gone).toMatchObject({ outcome: 'fallback', query: 'no-such-entry', suggestions: [] });
    expect(gone.markdown).toBe(
      'That answer is no longer in my knowledge base. Try asking your question again, or ask in #platform-help.',
    );
  });

  it('searches as you type, over entries only', () => {
    expect(answerer.search('multi stage image size', 3).map((h) => h.id)).toEqual([
      'why-image-so-big',
      'image-tags',
    ]);
    expect(answerer.search('', 8)).toEqual([]);
  });
});
