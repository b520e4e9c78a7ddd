import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEvent } from '../../src/recording/events.ts';
import {
  ALTERNATIVES_QUESTION,
  CLARIFY_QUESTION,
  KNOWN_QUESTION,
  OFF_TOPIC_QUESTION,
  startTestServer,
  type TestServer,
} from '../e2e/harness.ts';
import { MemoryRecorder } from '../e2e/memory-recorder.ts';
import { type Browser, launchChromium } from './chromium.ts';

// The Microsoft 365 Agents Playground (the npm package the README sends newcomers to), run fully
// offline against Berth's Teams channel in local trial mode, and driven in Chromium: every kind of
// card button is clicked and must reach Berth.
const PLAYGROUND = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')),
  'cli.js',
);

let server: TestServer;
let recorder: MemoryRecorder;
let playground: ChildProcess;
let playgroundUrl: string;
let browser: Browser;
let page: Page;
/** Uncaught exceptions in the playground's page (a button it cannot send throws one). */
const pageErrors: string[] = [];

beforeAll(async () => {
  recorder = new MemoryRecorder();
  server = await startTestServer({}, { recorder });
  const port = await freePort();
  playground = spawn(
    process.execPath,
    [PLAYGROUND, '-e', `${server.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--dt'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    },
  );
  await listening(playground, port);
  playgroundUrl = `http://localhost:${port}`;
  browser = await launchChromium(playgroundUrl);
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${playgroundUrl}/`);
  await page.locator('[data-lexical-editor="true"]').waitFor();
  // The welcome card comes when the conversation starts; counting cards before it has come would
  // take it for the answer to the first question.
  await cards().first().waitFor();
});
afterAll(async () => {
  await browser?.close();
  playground?.kill('SIGTERM');
  await server?.stop();
});

/** A free loopback port for the playground (it falls back to a random one if its port is taken). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function listening(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Listening on ${port}`)) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`the playground exited (${code}): ${output}`)));
  });
}

const cards = () => page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)');

/** Waits for Berth's next card after `act`, and returns it. */
async function nextCard(act: () => Promise<void>) {
  const before = await cards().count();
  await act();
  const card = cards().nth(before);
  await card.waitFor();
  return card;
}

/** Types a message into the playground's compose box and sends it, as a person would. */
async function say(text: string) {
  await page.locator('[data-lexical-editor="true"]').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

const words = () => server.service.wording();
const live = () => server.readiness.live.current;

describe('Teams cards in the Microsoft 365 Agents Playground', () => {
  it('answers a question typed into the playground with a card', async () => {
    const card = await nextCard(() => say(KNOWN_QUESTION));
    expect(await card.textContent()).toContain('What is a cgroup?');
  });

  it('a related question: the click reaches Berth, and the reply says what was picked', async () => {
    const answer = live().answer(KNOWN_QUESTION);
    if (answer.outcome !== 'answer') throw new Error('expected an answer');
    const related = answer.related[0]!;
    const card = await nextCard(() => cards().last().getByRole('button', { name: related.title }).click());
    const text = await card.textContent();
    expect(text).toContain(words().say('teams_you_picked', { choice: related.title }));
    // The whole question is readable: a picked row wraps instead of being cut mid-word.
    const row = cards().nth(-2).getByRole('button', { name: related.title });
    expect(await row.textContent()).toBe(related.title);
  });

  it('a "did you mean" choice answers the chosen entry and records the pick for the question', async () => {
    const clarify = await nextCard(() => say(CLARIFY_QUESTION));
    const title = 'How do I frobnicate a widget?';
    const card = await nextCard(() => clarify.getByRole('button', { name: title }).click());
    expect(await card.textContent()).toContain(words().say('teams_you_picked', { choice: title }));
    expect(recorder.events).toContainEqual(
      expect.objectContaining({ type: 'choice', question: CLARIFY_QUESTION, entryId: 'frobnicate-widget' }),
    );
  });

  it('"Not it?" offers the runners-up under an answer, and picking one answers it', async () => {
    const answer = live().answer(ALTERNATIVES_QUESTION);
    if (answer.outcome !== 'answer') throw new Error('expected an answer');
    const runnerUp = answer.alternatives[0]!;
    const card = await nextCard(() => say(ALTERNATIVES_QUESTION));
    expect(await card.textContent()).toContain(words().say('not_it'));
    const picked = await nextCard(() => card.getByRole('button', { name: runnerUp.title }).click());
    expect(await picked.textContent()).toContain(words().say('teams_you_picked', { choice: runnerUp.title }));
  });

  it('"Helpful" records the vote and thanks the person', async () => {
    const card = await nextCard(() => say(KNOWN_QUESTION));
    await card.getByRole('button', { name: words().say('feedback_helpful'), exact: true }).click();
    await page.getByText(words().say('feedback_thanks')).last().waitFor();
    expect(recorder.events).toContainEqual(
      expect.objectContaining({ type: 'feedback', entryId: 'what-is-a-cgroup', helpful: true }),
    );
  });

  it('"Not helpful" opens the comment box; Send records the vote with the note', async () => {
    const card = await nextCard(() => say(KNOWN_QUESTION));
    await card.getByRole('button', { name: words().say('feedback_not_helpful') }).click();
    await card.getByRole('textbox').fill('I wanted cgroup v2 delegation');
    const votes = () => recorder.events.filter((e): e is FeedbackEvent => e.type === 'feedback').length;
    const before = votes();
    await card.getByRole('button', { name: words().say('teams_comment_send') }).click();
    await expect.poll(votes).toBe(before + 1);
    expect(recorder.events.at(-1)).toMatchObject({
      type: 'feedback',
      entryId: 'what-is-a-cgroup',
      helpful: false,
      comment: 'I wanted cgroup v2 delegation',
    });
  });

  it('"Show my topics" under "I don\'t know" shows the topics', async () => {
    const fallback = await nextCard(() => say(OFF_TOPIC_QUESTION));
    const label = words().say('teams_show_topics');
    const card = await nextCard(() => fallback.getByRole('button', { name: label }).click());
    const text = await card.textContent();
    expect(text).toContain(words().say('teams_you_picked', { choice: label }));
    expect(text).toContain(words().say('topics_heading'));
  });

  it('never throws in the playground (no "Cannot add property msTeams")', () => {
    expect(pageErrors).toEqual([]);
  });
});
