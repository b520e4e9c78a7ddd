import { describe, expect, it } from 'vitest';
import { type ReplyView, viewOf } from '../../adapters/web/view.ts';
import { renderWelcome } from '../../adapters/web/welcome.ts';
import { Answerer } from '../../src/answer/answerer.ts';
import type { FallbackReply } from '../../src/answer/reply.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import { BerthService } from '../../src/service/berth-service.ts';

const fixtures = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const knowledge = loadKnowledgeOrThrow([
  BUILTIN_KNOWLEDGE_DIR,
  fixtures('knowledge-overlay'),
  fixtures('web/hostile-knowledge'),
]);
const berth = new Answerer(knowledge);
const service = new BerthService({ answerer: () => berth });
const view = (question: string) => viewOf(service, berth.answer(question));

const ALLOWED_TAGS = new Set([
  'p',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'a',
  'blockquote',
  'ul',
  'ol',
  'li',
]);

/** The page inserts `html` as markup: it may only hold inert formatting and http(s) links. */
function expectInertHtml(html: string): void {
  for (const [, tag, attrs] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    expect(ALLOWED_TAGS.has(tag ?? ''), `tag <${tag}>`).toBe(true);
    for (const [, name] of (attrs ?? '').matchAll(/\s([^\s=]+)=/g))
      expect(['href', 'target', 'rel', 'class'], `attribute ${name} on <${tag}>`).toContain(name);
  }
  for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https?:\/\//);
  expect(html).not.toMatch(/<(script|img|iframe|svg)/i);
}

describe('the web view of every entry', () => {
  it.each([...knowledge.entries.keys()])('%s', (id) => {
    const entry = knowledge.entries.get(id);
    const v = viewOf(service, berth.answerById(id));
    expect(v).toMatchObject({
      kind: 'reply',
      outcome: 'answer',
      title: entry?.title,
      feedback: { entryId: id },
    });
    expect(v.html.length).toBeGreaterThan(0);
    expectInertHtml(v.html);
    expect(v.links?.heading).toBe('Further reading');
    expect(v.links?.items.map((l) => l.url)).toEqual(entry?.links.map((l) => l.url));
    const related = entry?.related.filter((r) => knowledge.entries.has(r)) ?? [];
    expect(v.choices?.items.map((c) => c.id)).toEqual(related.length ? related.slice(0, 3) : undefined);
    if (v.choices) expect(v.choices.answersQuestion).toBe(false);
    expect(v.reply.id).toBe(id);
  });
});

describe('the web view of each kind of reply', () => {
  it('"did you mean": the candidates answer the question that was asked', () => {
    const v = view('frobnicate steps');
    expect(v.outcome).toBe('clarify');
    expect(v.html).toContain('Pick one');
    expect(v.choices).toEqual({
      heading: null,
      answersQuestion: true,
      items: expect.arrayContaining([
        { id: 'frobnicate-widget', title: 'How do I frobnicate a widget?' },
        { id: 'frobnicate-gadget', title: 'How do I frobnicate a gadget?' },
      ]),
    });
    expect(v.feedback).toBeNull();
  });

  it('fallback with nothing near: names the escalation and offers every topic behind one button', () => {
    const v = view('how many vacation days do I get this year');
    expect(v.outcome).toBe('fallback');
    expect(v.html).toContain('#platform-help');
    expect(v).toMatchObject({ choices: null, topics: null, offerTopics: true, feedback: null });
  });

  it('fallback with near misses: offers them (they answer the question) and their topics', () => {
    // Built by hand: which questions fall just short depends on the knowledge of the day.
    const reply: FallbackReply = {
      outcome: 'fallback',
      query: 'linux internals',
      confidence: 0.33,
      markdown: 'I do not have a good answer for that yet.',
      topics: berth.help().topics.filter((t) => t.id === 'linux-internals'),
      suggestions: [{ id: 'what-is-a-namespace', title: 'What is a Linux namespace?' }],
      escalation: '#platform-help',
    };
    const v = viewOf(service, reply);
    expect(v.choices?.answersQuestion).toBe(true);
    expect(v.choices?.items.map((c) => c.id)).toContain('what-is-a-namespace');
    expect(v.topics?.heading).toBe('Topics I know about:');
    expect(v.topics?.items.every((t) => t.examples.length > 0)).toBe(true);
    expect(v.offerTopics).toBe(false);
  });

  it('help: topic cards carry the example questions, so no separate list repeats them', () => {
    const v = view('help');
    expect(v.outcome).toBe('smalltalk');
    expect(v.topics?.items.map((t) => t.name)).toContain('Namespaces and cgroups');
    const cgroups = v.topics?.items.find((t) => t.id === 'linux-internals');
    expect(cgroups?.examples).toContainEqual({ id: 'what-is-a-cgroup', title: 'What is a cgroup?' });
    expect(v.choices).toBeNull();
  });

  it('thanks: plain small talk, nothing to click', () => {
    const v = view('thanks');
    expect(v).toMatchObject({
      outcome: 'smalltalk',
      topics: null,
      choices: null,
      feedback: null,
      links: null,
    });
    expect(v.html).not.toBe('');
  });

  it('markup in a knowledge file stays text; only http(s) links become links', () => {
    const v: ReplyView = viewOf(service, berth.answerById('hostile-markup'));
    expectInertHtml(v.html);
    expect(v.html).toContain('&lt;img src=x onerror=window.__pwned=3&gt;');
    expect(v.html).toContain('&lt;script&gt;');
    expect(v.html).toContain('<a href="https://example.com/ordinary"');
    expect(v.html).not.toContain('href="javascript');
    expect(v.html).not.toContain('href="data');
    // Titles travel as text, unescaped: the page sets them with textContent.
    expect(v.title).toContain('<img src=x onerror=window.__pwned=1>');
  });
});

describe('the first screen', () => {
  it('welcomes, lists every topic with examples, and carries the page wording', () => {
    const w = renderWelcome(service);
    expect(w.html).toContain('Hi, I&#39;m Berth');
    expect(w.help.topics?.items).toHaveLength(knowledge.topics.length);
    expect(w.labels).toMatchObject({ botName: 'Berth', feedbackHelpful: 'Helpful', commentSkip: 'Skip' });
    expect(w.labels.error).toContain('#platform-help');
    expect(w.knowledge).toEqual({
      version: knowledge.version,
      entries: knowledge.entries.size,
      topics: knowledge.topics.length,
    });
  });

  it('names the configured escalation in the error message', () => {
    const configured = new Answerer(knowledge, { escalation: '#containers-help' });
    expect(renderWelcome(new BerthService({ answerer: () => configured })).labels.error).toContain(
      '#containers-help',
    );
  });
});
