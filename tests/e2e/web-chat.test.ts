import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyView } from '../../adapters/web/view.ts';
import {
  CLARIFY_QUESTION,
  KNOWN_ID,
  KNOWN_QUESTION,
  OVERLAY_DIR,
  startTestServer,
  type TestServer,
} from './harness.ts';
import { MemoryRecorder } from './memory-recorder.ts';
import { WebVisitor } from './web-visitor.ts';

const HOSTILE_DIR = new URL('../fixtures/web/hostile-knowledge', import.meta.url).pathname;

let server: TestServer;
let recorder: MemoryRecorder;
let visitor: WebVisitor;

beforeAll(async () => {
  recorder = new MemoryRecorder();
  server = await startTestServer(
    { KNOWLEDGE_DIRS: [OVERLAY_DIR, HOSTILE_DIR].join(path.delimiter) },
    { recorder },
  );
  visitor = new WebVisitor(server.url);
});
afterAll(() => server.stop());

const asView = (body: unknown) => body as ReplyView;

describe('the page', () => {
  it('is one self-contained HTML page with its wording filled in and a strict CSP', async () => {
    const page = await visitor.open();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain('<title>Berth: container questions, answered</title>');
    expect(page.body).toContain('<label for="question">Ask a container question</label>');
    expect(page.body).not.toContain('{{');
    // Nothing is fetched from anywhere else: it works offline.
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('set-cookie')).toMatch(/^berth_visitor=[\w-]{22}; .*HttpOnly; SameSite=Strict/);
  });

  it("keeps a returning visitor's id, renewing the cookie", async () => {
    const first = (await visitor.open()).headers.get('set-cookie');
    const again = (await visitor.open()).headers.get('set-cookie');
    expect(again).toBe(first);
  });

  it('serves its script, style sheet and icon, and nothing else under /web/', async () => {
    const types = {
      'app.js': /^text\/javascript/,
      'style.css': /^text\/css/,
      'icon.svg': /^image\/svg\+xml/,
    };
    for (const [file, type] of Object.entries(types)) {
      const response = await visitor.send('GET', `/web/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
      expect((await response.text()).length).toBeGreaterThan(100);
    }
    expect((await visitor.send('GET', '/web/../config.ts')).status).toBe(404);
    expect((await visitor.send('GET', '/web/nope.js')).status).toBe(404);
  });

  it('opens on a welcome with every topic and example questions', async () => {
    const { status, body } = await visitor.help();
    expect(status).toBe(200);
    expect(body.html).toContain('Ask me anything about containers');
    expect(body.help.topics?.items.length).toBe(server.service.knowledge().topics);
    expect(body.help.topics?.items.flatMap((t) => t.examples.map((e) => e.title))).toContain(
      'What is a cgroup?',
    );
    expect(body.labels.feedbackNotHelpful).toBe('Not helpful');
  });
});

describe('asking', () => {
  it('answers with the entry rendered from Markdown, its links and related questions', async () => {
    const { status, headers, body } = await visitor.ask(KNOWN_QUESTION);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    const view = asView(body);
    expect(view).toMatchObject({
      outcome: 'answer',
      title: 'What is a cgroup?',
      feedback: { entryId: KNOWN_ID },
    });
    expect(view.html).toMatch(/<p>A cgroup \(control group\)/);
    expect(view.html).toContain('<pre tabindex="0"><code class="language-sh">');
    expect(view.links?.items.map((l) => l.url)).toContain(
      'https://www.kernel.org/doc/html/latest/admin-guide/cgroup-v2.html',
    );
    expect(view.choices?.heading).toBe('Related questions');
    expect(view.reply).toMatchObject({ outcome: 'answer', id: KNOWN_ID });
  });

  it('asks "did you mean"; the pick answers and is recorded as a choice for that question', async () => {
    const asked = asView((await visitor.ask(CLARIFY_QUESTION)).body);
    expect(asked.outcome).toBe('clarify');
    expect(asked.choices?.answersQuestion).toBe(true);
    const widget = asked.choices?.items.find((c) => c.id === 'frobnicate-widget');
    expect(widget?.title).toBe('How do I frobnicate a widget?');
    const picked = await visitor.choose('frobnicate-widget', asked.query);
    expect(picked.body).toMatchObject({ outcome: 'answer', title: 'How do I frobnicate a widget?' });
    expect(picked.body.html).toContain('green light');
    expect(recorder.events).toContainEqual(
      expect.objectContaining({ type: 'choice', question: CLARIFY_QUESTION, entryId: 'frobnicate-widget' }),
    );
  });

  it('a related-question click answers without recording a choice', async () => {
    const before = recorder.events.filter((e) => e.type === 'choice').length;
    const { body } = await visitor.choose('what-is-a-namespace');
    expect(body).toMatchObject({ outcome: 'answer', title: 'What is a Linux namespace?' });
    expect(recorder.events.filter((e) => e.type === 'choice')).toHaveLength(before);
  });

  it('records questions as the web channel, with the visitor id from the cookie as the user', async () => {
    await visitor.ask('what is a pod');
    const question = recorder.events.findLast((e) => e.type === 'question');
    expect(question?.context).toMatchObject({ channel: 'web', conversation: 'web' });
    expect(question?.context.user).toMatch(/^v:[\w-]{22}$/);
  });

  it('keeps markup in a question as text: nothing of it comes back as HTML', async () => {
    const { status, body } = await visitor.ask('<img src=x onerror=alert(1)> what is a cgroup');
    expect(status).toBe(200);
    const view = asView(body);
    expect(view.html).not.toMatch(/<img/i);
    expect(JSON.stringify(view)).not.toMatch(/<img[^>]*onerror/i);
  });

  it('shows markup from a knowledge file as text and drops non-web links', async () => {
    const view = asView((await visitor.ask('hostile markup zebra')).body);
    expect(view.outcome).toBe('answer');
    expect(view.html).toContain('&lt;img src=x onerror=window.__pwned=3&gt;');
    expect(view.html).not.toMatch(/<(img|script)/i);
    expect(view.html).not.toMatch(/href="(javascript|data):/);
  });
});

describe('feedback', () => {
  it('thanks for a thumbs up and records it', async () => {
    const { status, body } = await visitor.feedback(KNOWN_ID, true);
    expect(status).toBe(200);
    expect(body).toEqual({ kind: 'feedback', text: 'Thanks for the feedback!' });
    expect(recorder.events).toContainEqual(
      expect.objectContaining({ type: 'feedback', entryId: KNOWN_ID, helpful: true }),
    );
  });

  it('records a thumbs down with what the person was looking for', async () => {
    const { body } = await visitor.feedback(KNOWN_ID, false, 'how to cap memory in compose');
    expect(body.text).toBe('Thanks for the feedback!');
    expect(recorder.events).toContainEqual(
      expect.objectContaining({ type: 'feedback', helpful: false, comment: 'how to cap memory in compose' }),
    );
  });

  it('refuses feedback about an entry that does not exist, recording nothing', async () => {
    const before = recorder.events.length;
    const { status, body } = await visitor.feedback('no-such-entry', true);
    expect(status).toBe(404);
    expect(body).toMatchObject({
      text: expect.stringMatching(/^That answer is no longer in my knowledge base/),
    });
    expect(recorder.events).toHaveLength(before);
  });
});

describe('requests the page never sends', () => {
  it('refuses a body that is not JSON (a cross-site form cannot post JSON)', async () => {
    const response = await visitor.send('POST', '/api/ask', 'text=what+is+a+cgroup', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
  });

  it('answers malformed JSON and wrong fields with 400 and a reason', async () => {
    expect((await visitor.send('POST', '/api/ask', '{"text":')).status).toBe(400);
    const wrong = await visitor.send('POST', '/api/feedback', { entryId: KNOWN_ID, helpful: 'very' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: '"helpful" must be true or false' });
  });
});
