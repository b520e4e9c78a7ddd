import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_QUESTION, startTestServer, type TestServer } from '../e2e/harness.ts';
import { type Browser, launchChromium } from './chromium.ts';

// axe-core 4 on every screen of the web chat: WCAG 2.1 A and AA plus axe's best practices. Any
// violation fails, with what and where.

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RULES: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  resultTypes: ['violations'],
};
/** A bare keyword the shipped knowledge answers with "did you mean" (several likely entries). */
const AMBIGUOUS = 'volume';

let server: TestServer;
let browser: Browser;
let page: Page;

/**
 * Runs axe on the page as it is now. The page's CSP allows only its own scripts, so axe's source
 * is evaluated through the DevTools protocol (page.evaluate), which CSP and Trusted Types do not
 * govern; axe itself only reads the page.
 */
async function violations(): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async (options) => {
    const { axe } = window as unknown as { axe: { run(o: RunOptions): Promise<AxeResults> } };
    return (await axe.run(options)).violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      where: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, RULES);
  return results.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.where.join(', ')}`);
}

/** Types a question and presses Enter; resolves with the new bot message. */
async function ask(question: string): Promise<Locator> {
  const before = await page.locator('#log > .bot').count();
  const box = page.getByLabel('Ask a container question');
  await box.fill(question);
  await box.press('Enter');
  const reply = page.locator('#log > .bot').nth(before);
  await reply.waitFor();
  return reply;
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium(new URL(server.url).origin);
  page = await browser.context.newPage();
  await page.goto(`${server.url}/`);
  await page.locator('.welcome').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the web chat passes axe-core (WCAG 2.1 AA and best practices)', () => {
  it('on the welcome screen', async () => {
    expect(await violations()).toEqual([]);
  });

  it('with an answer holding a code block', async () => {
    const reply = await ask(KNOWN_QUESTION);
    expect(await reply.getAttribute('class')).toContain('answer');
    expect(await reply.locator('pre').count()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
  });

  it('with a "did you mean"', async () => {
    const reply = await ask(AMBIGUOUS);
    expect(await reply.getAttribute('class')).toContain('clarify');
    expect(await violations()).toEqual([]);
  });

  it('with the feedback form open', async () => {
    const answer = page.locator('#log > .bot.answer').first();
    await answer.getByRole('button', { name: 'Not helpful' }).click();
    await answer.getByLabel('What were you looking for? (optional)').waitFor();
    expect(await violations()).toEqual([]);
  });
});
