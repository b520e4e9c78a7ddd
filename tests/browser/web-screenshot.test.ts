import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../e2e/harness.ts';
import { type Browser, launchChromium } from './chromium.ts';

const SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/web-chat.png');
const WELCOME_SCREENSHOT = path.resolve(import.meta.dirname, '../../docs/web-chat-welcome.png');

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // Built-in knowledge only: what a newcomer sees after `npm start`.
  server = await startTestServer({ KNOWLEDGE_DIRS: '' });
  browser = await launchChromium(new URL(server.url).origin, { viewport: { width: 1024, height: 1180 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the README screenshots', () => {
  it('shows the first screen: welcome, topics and example questions', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.goto(`${server.url}/`);
    await page.locator('.welcome .topic').first().waitFor();
    mkdirSync(path.dirname(WELCOME_SCREENSHOT), { recursive: true });
    const png = await page.screenshot({ path: WELCOME_SCREENSHOT });
    expect(png.length).toBeGreaterThan(20_000);
    expect(await page.locator('.welcome .topic').count()).toBe(server.service.knowledge().topics);
  });

  it('shows a question answered with its links, related questions and feedback buttons', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('.welcome').waitFor();
    const box = page.getByLabel('Ask a container question');
    await box.fill('why is my image so big?');
    await box.press('Enter');
    const answer = page.locator('#log > .bot.answer');
    await answer.getByRole('heading', { level: 2 }).waitFor();
    await answer.getByRole('button', { name: 'Helpful', exact: true }).waitFor();
    await page.evaluate(() => document.querySelector('#log > .you')?.scrollIntoView({ block: 'start' }));
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    const png = await page.screenshot({ path: SCREENSHOT });
    expect(png.length).toBeGreaterThan(20_000);
    expect(await answer.getByRole('link').count()).toBeGreaterThan(0);
  });
});
