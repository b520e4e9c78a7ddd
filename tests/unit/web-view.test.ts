import { describe, expect, it } from 'vitest';
import { type ReplyView, viewOf } from '../../adapters/web/view.ts';
import { renderWelcome } from '../../adapters/web/welcome.ts';
import { Answerer } from '../../src/answer/answerer.ts';
import type { FallbackReply } from '../../src/answer/reply.ts';
import { BerthService } from '../../src/service/berth-service.ts';
import { overFixtures, overShippedKnowledge } from './fixture-knowledge.ts';

// Each kind of view over the fixture knowledge (plus a hostile entry); every shipped entry's view
// is checked too, one test per check.
const HOSTILE = new URL('../fixtures/web/hostile-knowledge', import.meta.url).pathname;
const { answerer: berth, knowledge, service } = overFixtures([HOSTILE]);
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

/** What in `html` the page must not insert as markup: anything but inert formatting and http(s) links. */
function liveMarkup(html: string): string[] {
  const found: string[] = [];
  for (const [, tag, attrs] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    if (!ALLOWED_TAGS.has(tag ?? '')) found.push(`tag <${tag}>`);
    for (const [, name] of (attrs ?? '').matchAll(/\s([^\s=]+)=/g))
      if (!['href', 'target', 'rel', 'class', 'tabindex'].includes(name ?? ''))
        found.push(`attribute ${name} on <${tag}>`);
  }
  for (const [, href] of html.matchAll(/href="([^"]*)"/g))
    if (!/^https?:\/\//.test(href ?? '')) found.push(`href ${href}`);
  return found;
}

function expectInertHtml(html: string): void {
  expect(liveMarkup(html)).toEqual([]);
}

describe('the web view of every entry Berth ships', () => {
  const shipped = overShippedKnowledge();
  const shippedService = new BerthService({ answerer: () => shipped.answerer });
  const views = shipped.entries.map((entry) => ({
    entry,
    view: viewOf(shippedService, shipped.answerer.answerById(entry.id)),
  }));

  it('the markup check finds live markup', () => {
    expect(liveMarkup('<p onclick="x"><img src="y"></p><a href="javascript:z">')).toEqual([
      'attribute onclick on <p>',
      'tag <img>',
      'attribute src on <img>',
      'href javascript:z',
    ]);
  });

  it('each is an answer with its title, text and feedback, and only inert markup', () => {
    const problems = views.flatMap(({ entry, view: v }) => [
      ...(v.outcome === 'answer' && v.title === entry.title ? [] : [`${entry.id}: not its answer`]),
      ...(v.html.length > 0 ? [] : [`${entry.id}: no text`]),
      ...(v.feedback?.entryId === entry.id ? [] : [`${entry.id}: no feedback`]),
      ...(v.reply.id === entry.id ? [] : [`${entry.id}: JSON id`]),
      ...liveMarkup(v.html).map((m) => `${entry.id}: ${m}`),
    ]);
    expect(problems).toEqual([]);
  });

  it('each puts its code blocks in the tab order, since a long line scrolls (and nothing else there)', () => {
    const withCode = views.filter(({ view: v }) => v.html.includes('<pre'));
    expect(withCode.length).toBeGreaterThan(10);
    const problems = views.flatMap(({ entry, view: v }) => [
      ...[...v.html.matchAll(/<pre[^>]*>/g)]
        .filter(([tag]) => tag !== '<pre tabindex="0">')
        .map(([tag]) => `${entry.id}: ${tag}`),
      ...[...v.html.matchAll(/<(?!pre)(\w+)[^>]*tabindex/g)].map(
        ([, tag]) => `${entry.id}: tabindex on <${tag}>`,
      ),
    ]);
    expect(problems).toEqual([]);
  });

  it('each lists all its links, and its related questions as choices that do not answer the question', () => {
    const problems = views.flatMap(({ entry, view: v }) => {
      const related = entry.related.filter((r) => shipped.answerer.knowledge.entries.has(r)).slice(0, 3);
      const links = JSON.stringify(v.links?.items.map((l) => l.url));
      return [
        ...(v.links?.heading === 'Further reading' ? [] : [`${entry.id}: links heading`]),
        ...(links === JSON.stringify(entry.links.map((l) => l.url)) ? [] : [`${entry.id}: links`]),
        ...(JSON.stringify(v.choices?.items.map((c) => c.id) ?? []) === JSON.stringify(related)
          ? []
          : [`${entry.id}: related`]),
        ...(v.choices?.answersQuestion ? [`${entry.id}: related answer the question`] : []),
      ];
    });
    expect(problems).toEqual([]);
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
      topics: berth.help().topics.filter((t) => t.id === 'basics'),
      suggestions: [{ id: 'what-is-a-namespace', title: 'What is a Linux namespace?' }],
      escalation: '#platform-help',
    };
    const v = viewOf(service, reply);
    expect(v.choices).toEqual({
      heading: 'Related questions',
      answersQuestion: true,
      items: [{ id: 'what-is-a-namespace', title: 'What is a Linux namespace?' }],
    });
    expect(v.topics).toEqual({
      heading: 'Topics I know about:',
      items: [
        {
          id: 'basics',
          name: 'The basics',
          entryCount: 2,
          examples: [{ id: 'what-is-a-cgroup', title: 'What is a cgroup?' }],
        },
      ],
    });
    expect(v.offerTopics).toBe(false);
  });

  it('help: topic cards carry the example questions, so no separate list repeats them', () => {
    const v = view('help');
    expect(v.outcome).toBe('smalltalk');
    expect(v.topics?.items.map((t) => t.name)).toEqual([
      'The basics',
      'Hostile',
      'Images',
      'Kubernetes',
      'Running',
      'Security',
      'Widgets',
    ]);
    const basics = v.topics?.items.find((t) => t.id === 'basics');
    expect(basics?.examples).toEqual([{ id: 'what-is-a-cgroup', title: 'What is a cgroup?' }]);
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

describe('"Not it?" under an answer', () => {
  it('lists the runners-up as choices that answer the question asked', () => {
    const reply = berth.answer('what is a cgroup');
    if (reply.outcome !== 'answer') throw new Error('expected an answer');
    const v = viewOf(service, {
      ...reply,
      alternatives: [{ id: 'what-is-a-namespace', title: 'What is a namespace?' }],
    });
    expect(v.alternatives).toEqual({
      heading: 'Not it?',
      answersQuestion: true,
      items: [{ id: 'what-is-a-namespace', title: 'What is a namespace?' }],
    });
    expect(viewOf(service, { ...reply, alternatives: [] }).alternatives).toBeNull();
  });
});
