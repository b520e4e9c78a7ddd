import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_ID, startTestServer, type TestServer } from './harness.ts';
import { MemoryRecorder } from './memory-recorder.ts';
import { SLACK_SECRETS } from './slack-requests.ts';

// The HTTP edge: malformed Unicode, media types and methods.
let server: TestServer;
const recorder = new MemoryRecorder();
beforeAll(async () => {
  server = await startTestServer(
    {
      SLACK_BOT_TOKEN: SLACK_SECRETS.botToken,
      SLACK_SIGNING_SECRET: SLACK_SECRETS.signingSecret,
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    },
    { recorder },
  );
});
afterAll(() => server.stop());

const post = (path: string, body: string, type = 'application/json') =>
  fetch(new URL(path, server.url), { method: 'POST', headers: { 'content-type': type }, body });
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('text arrives as well-formed Unicode', () => {
  it('a lone surrogate in a question or a comment becomes U+FFFD before it is answered or recorded', async () => {
    // JSON escapes let a client send half of a surrogate pair; the raw bytes would not be UTF-8.
    expect((await post('/api/ask', '{"text":"what is a cgroup \\ud800"}')).status).toBe(200);
    const vote = '{"entryId":"what-is-a-cgroup","helpful":false,"comment":"half \\udc00 a pair"}';
    expect((await post('/api/feedback', vote)).status).toBe(200);
    const question = recorder.events.find((e) => e.type === 'question');
    const feedback = recorder.events.find((e) => e.type === 'feedback');
    expect(question).toMatchObject({ question: 'what is a cgroup \uFFFD', entryId: KNOWN_ID });
    expect(feedback).toMatchObject({ comment: 'half \uFFFD a pair' });
    expect(LONE.test(server.rawLogs())).toBe(false);
  });
});

describe('status codes say what went wrong', () => {
  it('415 says "unsupported media type", not "bad request"', async () => {
    const wrongType = await post('/api/ask', 'text=hi', 'application/x-www-form-urlencoded');
    expect(wrongType.status).toBe(415);
    const charset = await post('/api/messages', '{}', 'application/json; charset=latin1');
    expect(charset.status).toBe(415);
    expect(await charset.json()).toEqual({ error: 'unsupported media type' });
  });

  it.each([
    ['GET', '/api/ask', 'POST'],
    ['GET', '/api/feedback', 'POST'],
    ['PUT', '/api/choose', 'POST'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['DELETE', '/readyz', 'GET, HEAD'],
    ['POST', '/', 'GET, HEAD'],
    ['GET', '/api/messages', 'POST'],
    ['GET', '/slack/events', 'POST'],
  ])('%s %s: 405 with Allow: %s', async (method, path, allow) => {
    const response = await fetch(new URL(path, server.url), { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
  });

  it('a path Berth does not serve is still 404', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await fetch(new URL('/api/nothing-here', server.url), { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('allow')).toBeNull();
    }
  });
});
