import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/report.ts';
import { readCoreConfig } from '../../src/config.ts';
import { ADDRESS_PEOPLE } from '../../src/limits/limiter.ts';
import type { Report } from '../../src/report/report.ts';
import { KNOWN_ID, OVERLAY_DIR, startTestServer, type TestServer } from './harness.ts';
import { RecordingDb } from './recording-db.ts';
import { WebVisitor } from './web-visitor.ts';

// One client must not be able to write `berth report`: picks and votes are limited like questions,
// a vote counts once per person per entry per day, and a suggestion needs several people.
const root = path.resolve(import.meta.dirname, '../..');
const SPAM = 'spam question';
const PICKED = 'frobnicate-widget';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** `berth report --format json` over the recording file, in this process. */
async function report(file: string): Promise<Report> {
  let out = '';
  const stdout = Object.assign(new PassThrough(), { isTTY: false });
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const io = { stdin: process.stdin, stdout, stderr: new PassThrough() };
  const config = readCoreConfig({ RECORDING_DB: file, KNOWLEDGE_DIRS: OVERLAY_DIR }, root);
  expect(await reportCommand(config, ['--since', '1d', '--format', 'json'], io, { cwd: root })).toBe(0);
  await new Promise((resolve) => setImmediate(resolve));
  return JSON.parse(out) as Report;
}

/** Runs `use` against a server recording into a fresh database (generous limits), then reports. */
async function reportAfter(use: (url: string) => Promise<void>): Promise<Report> {
  const recording = new RecordingDb();
  server = await startTestServer({}, { recorder: recording.tap });
  await use(server.url);
  await server.stop(); // flushes the recorder
  server = undefined;
  recording.recorder.close();
  return report(recording.file);
}

describe('berth report, fed by one client', () => {
  it('does not suggest a phrasing thirty identical picks from one visitor made', async () => {
    const result = await reportAfter(async (url) => {
      const visitor = new WebVisitor(url);
      await visitor.open(); // the cookie, as the page has it
      for (let i = 0; i < 30; i++) expect((await visitor.choose(PICKED, SPAM)).status).toBe(200);
    });
    expect(result.topEntries.find((e) => e.id === PICKED)?.picked).toBe(30);
    expect(result.suggestions).toEqual([]);
  });

  it('suggests it once three people picked it, and says how many', async () => {
    const result = await reportAfter(async (url) => {
      for (const visitor of [new WebVisitor(url), new WebVisitor(url), new WebVisitor(url)]) {
        await visitor.open();
        expect((await visitor.choose(PICKED, SPAM)).status).toBe(200);
      }
    });
    expect(result.suggestions).toEqual([
      expect.objectContaining({
        id: PICKED,
        phrasings: [{ text: SPAM, count: 3, users: 3, via: ['did-you-mean'] }],
      }),
    ]);
  });

  it('counts thirty-one thumbs-down from one visitor as one vote, and lists no poor feedback for it', async () => {
    const result = await reportAfter(async (url) => {
      const visitor = new WebVisitor(url);
      await visitor.open();
      for (let i = 0; i < 31; i++)
        expect((await visitor.feedback(KNOWN_ID, false, `bad ${i}`)).status).toBe(200);
    });
    expect(result.totals.feedback).toEqual({ helpful: 0, notHelpful: 1 });
    expect(result.poorFeedback).toEqual([]);
  });

  it('lists poor feedback from three people, with their comments and how many they are', async () => {
    const result = await reportAfter(async (url) => {
      for (const name of ['ana', 'ben', 'cy']) {
        const visitor = new WebVisitor(url);
        await visitor.open();
        expect((await visitor.feedback(KNOWN_ID, false, `${name} wanted v2`)).status).toBe(200);
      }
    });
    expect(result.poorFeedback).toEqual([
      expect.objectContaining({ id: KNOWN_ID, notHelpful: 3, helpful: 0, users: 3 }),
    ]);
    expect(result.poorFeedback[0]?.comments).toEqual(['cy wanted v2', 'ben wanted v2', 'ana wanted v2']);
  });
});

/** A POST with a brand-new visitor cookie each time, as a script rotating ids would send. */
async function postAsNewVisitor(url: string, route: string, body: object): Promise<number> {
  const response = await fetch(new URL(route, url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `berth_visitor=${randomBytes(16).toString('base64url')}`,
    },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('the web chat limits picks and votes like questions', () => {
  const limited = { RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_BURST: '3' };

  it('answers 429 to /api/choose past the limit, told once, then silent', async () => {
    server = await startTestServer(limited);
    const visitor = new WebVisitor(server.url);
    await visitor.open();
    const responses = [];
    for (let i = 0; i < 5; i++) responses.push(await visitor.choose(PICKED, SPAM));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    expect(responses[3]?.body).toEqual({ kind: 'throttled', text: expect.stringMatching(/\w/) });
    expect(responses[3]?.headers.get('retry-after')).toBe('60');
    expect(responses[4]?.body).toEqual({ kind: 'throttled', text: null });
  });

  it('answers 429 to /api/feedback past the limit, per visitor and per address', async () => {
    server = await startTestServer(limited);
    const visitor = new WebVisitor(server.url);
    await visitor.open();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await visitor.feedback(KNOWN_ID, false)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Fresh cookies buy little: the address's bucket (ADDRESS_PEOPLE people's) runs out too.
    const vote = { entryId: KNOWN_ID, helpful: true };
    const fresh = [];
    for (let i = 0; i < 3 * ADDRESS_PEOPLE; i++)
      fresh.push(await postAsNewVisitor(server.url, '/api/feedback', vote));
    expect(fresh).toContain(429);
  });

  it('limits votes apart from questions: voting never costs a question', async () => {
    server = await startTestServer(limited);
    const visitor = new WebVisitor(server.url);
    for (let i = 0; i < 3; i++) expect((await visitor.feedback(KNOWN_ID, true)).status).toBe(200);
    expect((await visitor.ask('what is a cgroup')).status).toBe(200);
  });
});
