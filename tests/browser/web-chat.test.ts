import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLARIFY_QUESTION,
  KNOWN_QUESTION,
  OVERLAY_DIR,
  startTestServer,
  type TestServer,
} from '../e2e/harness.ts';
import { MemoryRecorder } from '../e2e/memory-recorder.ts';
import { type Browser, launchChromium } from './chromium.ts';

const HOSTILE_DIR = new URL('../fixtures/web/hostile-knowledge', import.meta.url).pathname;

let server: TestServer;
let recorder: MemoryRecorder;
let browser: Browser;
/** Console errors (CSP violations show up here) and uncaught exceptions, per page. */
const problems: string[] = [];

beforeAll(async () => {
  recorder = new MemoryRecorder();
  server = await startTestServer(
    { KNOWLEDGE_DIRS: [OVERLAY_DIR, HOSTILE_DIR].join(path.delimiter) },
    { recorder },
  );
  browser = await launchChromium(new URL(server.url).origin);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openChat(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}/`);
  await page.locator('.welcome').waitFor();
  return page;
}

/** Types a question and presses Enter, as a person would; resolves with the new bot message. */
async function ask(page: Page, question: string) {
  const before = await page.locator('#log > .bot').count();
  const box = page.getByLabel('Ask a container question');
  await box.fill(question);
  await box.press('Enter');
  const reply = page.locator('#log > .bot').nth(before);
  await reply.waitFor();
  return reply;
}

describe('the web chat in Chromium', () => {
  it('opens on a welcome with topics and example questions, with focus in the question box', async () => {
    const page = await openChat();
    const welcome = page.locator('.welcome');
    expect(await welcome.textContent()).toContain("Hi, I'm Berth");
    expect(await welcome.locator('.topic').getByRole('heading').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Namespaces and cgroups')]),
    );
    expect(await welcome.getByRole('button', { name: 'What is a cgroup?' }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    expect(await page.getByRole('log').getAttribute('aria-live')).toBe('polite');
    // The welcome is not in the live region: only new replies are announced.
    expect(await page.getByRole('log').locator('.welcome').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('answers a question with the Markdown rendered, follow-up links and related questions', async () => {
    const page = await openChat();
    const reply = await ask(page, KNOWN_QUESTION);
    expect(await reply.getByRole('heading', { level: 2 }).textContent()).toBe('What is a cgroup?');
    expect(await reply.locator('.answer pre code').count()).toBeGreaterThan(0);
    const link = reply.getByRole('link', { name: 'Control Group v2 (Linux kernel documentation)' });
    expect(await link.getAttribute('href')).toBe(
      'https://www.kernel.org/doc/html/latest/admin-guide/cgroup-v2.html',
    );
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await reply.getByRole('button', { name: 'What is a Linux namespace?' }).count()).toBe(1);
    expect(await page.locator('#log > .you').last().textContent()).toContain(KNOWN_QUESTION);
    expect(await page.getByLabel('Ask a container question').inputValue()).toBe('');
    expect(problems).toEqual([]);
  });

  it('offers "did you mean" choices; picking one with the keyboard answers and moves focus there', async () => {
    const page = await openChat();
    const clarify = await ask(page, CLARIFY_QUESTION);
    expect(await clarify.textContent()).toContain('Pick one');
    const widget = clarify.getByRole('button', { name: 'How do I frobnicate a widget?' });
    await widget.focus();
    await page.keyboard.press('Enter');
    const answer = page.locator('#log > .bot.answer').last();
    await answer.getByRole('heading', { name: 'How do I frobnicate a widget?' }).waitFor();
    expect(await answer.textContent()).toContain('green light');
    expect(await answer.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(recorder.events).toContainEqual(
      expect.objectContaining({ type: 'choice', question: CLARIFY_QUESTION, entryId: 'frobnicate-widget' }),
    );
  });

  it('takes a thumbs up, and a thumbs down with what the person was looking for', async () => {
    const page = await openChat();
    const first = await ask(page, KNOWN_QUESTION);
    await first.getByRole('button', { name: 'Helpful', exact: true }).click();
    await first.getByRole('status').filter({ hasText: 'Thanks for the feedback!' }).waitFor();
    expect(recorder.events).toContainEqual(
      expect.objectContaining({ type: 'feedback', entryId: 'what-is-a-cgroup', helpful: true }),
    );

    await first.getByRole('button', { name: 'What is a Linux namespace?' }).click();
    const second = page.locator('#log > .bot.answer').last();
    await second.getByRole('heading', { name: 'What is a Linux namespace?' }).waitFor();
    await second.getByRole('button', { name: 'Not helpful' }).click();
    const comment = second.getByLabel('What were you looking for? (optional)');
    await comment.waitFor();
    expect(await comment.evaluate((el) => el === document.activeElement)).toBe(true);
    await comment.fill('how to enter a network namespace');
    await second.getByRole('button', { name: 'Send' }).click();
    await second.getByRole('status').filter({ hasText: 'Thanks for the feedback!' }).waitFor();
    expect(recorder.events).toContainEqual(
      expect.objectContaining({
        type: 'feedback',
        entryId: 'what-is-a-namespace',
        helpful: false,
        comment: 'how to enter a network namespace',
      }),
    );
    expect(await second.getByRole('button', { name: 'Not helpful' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // One thumbs down is one event, comment included.
    expect(
      recorder.events.filter((e) => e.type === 'feedback' && e.entryId === 'what-is-a-namespace'),
    ).toHaveLength(1);
  });

  it('sends a thumbs down without a comment when the person moves on', async () => {
    const page = await openChat();
    const reply = await ask(page, 'what is a pod in kubernetes');
    await reply.getByRole('button', { name: 'Not helpful' }).click();
    await reply.getByLabel('What were you looking for? (optional)').waitFor();
    await ask(page, KNOWN_QUESTION);
    expect(recorder.events).toContainEqual(
      expect.objectContaining({
        type: 'feedback',
        entryId: 'what-is-a-pod',
        helpful: false,
        comment: undefined,
      }),
    );
  });

  it('shows an injection in the question as text and runs nothing', async () => {
    const page = await openChat();
    const attack = '<img src=x onerror="window.__pwned=1"> what is a cgroup';
    await ask(page, attack);
    expect(await page.locator('#log > .you').last().textContent()).toContain(attack);
    expect(await page.locator('#log img').count()).toBe(0);
    expect(await page.evaluate(() => 'pwned' in window || '__pwned' in window)).toBe(false);
  });

  it('shows markup from a knowledge file as text, runs none of it and links only to the web', async () => {
    const page = await openChat();
    const reply = await ask(page, 'hostile markup zebra');
    expect(await reply.getByRole('heading', { level: 2 }).textContent()).toContain('<img src=x onerror=');
    expect(await reply.textContent()).toContain('<script>window.__pwned=4</script>');
    expect(await reply.locator('img, script').count()).toBe(0);
    expect(await reply.getByRole('link', { name: 'ordinary link' }).getAttribute('href')).toBe(
      'https://example.com/ordinary',
    );
    expect(await reply.getByRole('link', { name: 'javascript link' }).count()).toBe(0);
    expect(await page.evaluate(() => '__pwned' in window)).toBe(false);
    expect(browser.foreignRequests).toEqual([]);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await openChat();
    await page.setViewportSize({ width: 360, height: 740 });
    await ask(page, KNOWN_QUESTION);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByRole('button', { name: 'Ask' }).isVisible()).toBe(true);
  });

  it('loaded nothing from anywhere but Berth itself and broke no CSP rule', () => {
    expect(browser.foreignRequests).toEqual([]);
    expect(problems).toEqual([]);
  });
});
