import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_QUESTION, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const get = async (path: string) => {
  const response = await fetch(new URL(path, server.url));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('health and readiness', () => {
  it('/healthz says the process is alive', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('/readyz reports the live knowledge version and how many entries it holds', async () => {
    const { status, body } = await get('/readyz');
    const kb = server.service.knowledge();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ready',
      version: kb.version,
      entries: kb.entries,
      topics: kb.topics,
      lastReload: null,
    });
    expect(body.version).toMatch(/^[0-9a-f]{8,}$/);
    expect(body.entries).toBeGreaterThan(150);
    expect(Date.parse(String(body.loadedAt))).not.toBeNaN();
  });

  it('answers unknown paths with a JSON 404', async () => {
    expect(await get('/no/such/page')).toEqual({ status: 404, body: { error: 'not found' } });
  });
});

describe('logs', () => {
  it('hold one line per question and never the authorization header, cookie or user text line breaks', async () => {
    const response = await fetch(new URL('/api/ask', server.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sekrit-token-1',
        cookie: 'berth_visitor=AAAAAAAAAAAAAAAAAAAAAA; session=sekrit-cookie-2',
      },
      body: JSON.stringify({ text: `${KNOWN_QUESTION}\r\n{"level":50,"msg":"forged line"}` }),
    });
    expect(response.status).toBe(200);
    const questions = server.logs.filter((l) => l.msg === 'question');
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatchObject({ channel: 'web', conversation: 'web', via: 'question' });
    expect(questions[0]).toHaveProperty('outcome');
    expect(questions[0]).toHaveProperty('confidence');
    expect(questions[0]).toHaveProperty('latencyMs');
    expect(String(questions[0]?.question)).not.toMatch(/[\r\n]/);
    expect(server.logs.some((l) => l.msg === 'forged line')).toBe(false);
    const raw = server.rawLogs();
    expect(raw).not.toContain('sekrit');
    expect(raw).not.toContain('AAAAAAAAAAAAAAAAAAAAAA');
  });
});
