import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_PEOPLE } from '../../src/limits/limiter.ts';
import { KNOWN_QUESTION, startTestServer, type TestServer } from './harness.ts';
import { WebVisitor } from './web-visitor.ts';

describe('rate limiting', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Each visitor comes from an address of their own, as a trusted proxy forwards it: the
    // address is limited too (see web-rate-limit.test.ts).
    server = await startTestServer({
      RATE_LIMIT_BURST: '2',
      RATE_LIMIT_PER_MINUTE: '1',
      TRUST_PROXY: 'loopback',
    });
  });
  afterAll(() => server.stop());
  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('throttles one visitor, tells them once, politely, and leaves another visitor alone', async () => {
    const alice = new WebVisitor(server.url, from('203.0.113.1'));
    const bob = new WebVisitor(server.url, from('203.0.113.2'));
    await alice.open();
    await bob.open();

    expect((await alice.ask(KNOWN_QUESTION)).status).toBe(200);
    expect((await alice.ask(KNOWN_QUESTION)).status).toBe(200);
    const told = await alice.ask(KNOWN_QUESTION);
    expect(told.status).toBe(429);
    expect(told.headers.get('retry-after')).toBe('60');
    expect(told.body).toEqual({
      kind: 'throttled',
      text: "You're asking faster than I can keep up. Give me a few seconds and try again.",
    });
    const silent = await alice.ask(KNOWN_QUESTION);
    expect(silent.status).toBe(429);
    expect(silent.body).toEqual({ kind: 'throttled', text: null });

    const other = await bob.ask(KNOWN_QUESTION);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ kind: 'reply', outcome: 'answer' });
    expect(server.logs.filter((l) => l.outcome === 'throttled')).toHaveLength(2);
  });

  it('counts requests without the cookie against their address, so dropping it does not help', async () => {
    const ask = () =>
      fetch(new URL('/api/ask', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from('203.0.113.3') },
        body: JSON.stringify({ text: KNOWN_QUESTION }),
      });
    // An address holds ADDRESS_PEOPLE people's budget (an office behind one NAT address): a client
    // that drops the cookie is stopped once it has used that, long before 14,881 requests.
    const statuses: number[] = [];
    for (let i = 0; i <= 2 * ADDRESS_PEOPLE; i++) statuses.push((await ask()).status);
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429))).toEqual(
      statuses.slice(statuses.indexOf(429)).map(() => 429),
    );
  });
});

describe('body limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => server.stop());

  const post = (body: string) =>
    fetch(new URL('/api/ask', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('refuses a body over BODY_LIMIT_BYTES with 413 before reading it', async () => {
    const response = await post(JSON.stringify({ text: `${KNOWN_QUESTION} ${'x'.repeat(4000)}` }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'request body larger than 2048 bytes' });
  });

  it('accepts a body under the limit', async () => {
    const response = await post(JSON.stringify({ text: KNOWN_QUESTION }));
    expect(response.status).toBe(200);
  });

  it('refuses a body of unknown length (chunked) with 411', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(new URL('/api/ask', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"text":');
      req.end('"what is a cgroup"}');
    });
    expect(status).toBe(411);
  });
});
