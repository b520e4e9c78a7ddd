import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ADDRESS_PEOPLE } from '../../src/limits/limiter.ts';
import { KNOWN_QUESTION, startTestServer, type TestServer } from './harness.ts';

// A client that sends a fresh visitor cookie with every question is still limited: by its address,
// whose bucket holds ADDRESS_PEOPLE people's burst (an office behind one NAT address is not one person).
let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** One question with a brand-new, valid-looking visitor cookie (and optional forwarding header). */
async function askAsNewVisitor(s: TestServer, forwardedFor?: string): Promise<number> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    cookie: `berth_visitor=${randomBytes(16).toString('base64url')}`,
  };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  const response = await fetch(new URL('/api/ask', s.url), {
    method: 'POST',
    headers,
    body: JSON.stringify({ text: KNOWN_QUESTION }),
  });
  await response.arrayBuffer();
  return response.status;
}

const limited = { RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_BURST: '3' };
/** What one address may ask in a burst under `limited`. */
const ADDRESS_BURST = 3 * ADDRESS_PEOPLE;
/** `n` answers, then `m` refusals. */
const answeredThenRefused = (n: number, m: number) => [...Array(n).fill(200), ...Array(m).fill(429)];

describe('the web chat rate limit, per peer address too', () => {
  it('throttles a client that rotates its cookie (the socket address is limited)', async () => {
    server = await startTestServer(limited);
    const statuses = [];
    for (let i = 0; i < ADDRESS_BURST + 3; i++) statuses.push(await askAsNewVisitor(server));
    expect(statuses).toEqual(answeredThenRefused(ADDRESS_BURST, 3));
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy', async () => {
    server = await startTestServer(limited);
    const statuses = [];
    for (let i = 0; i < ADDRESS_BURST + 2; i++)
      statuses.push(await askAsNewVisitor(server, `203.0.113.${i % 250}`));
    expect(statuses).toEqual(answeredThenRefused(ADDRESS_BURST, 2));
  });

  it('with TRUST_PROXY, limits each forwarded client address on its own', async () => {
    server = await startTestServer({ ...limited, TRUST_PROXY: 'loopback' });
    const distinct = [];
    for (let i = 0; i < ADDRESS_BURST + 2; i++)
      distinct.push(await askAsNewVisitor(server, `203.0.113.${i % 250}`));
    expect(distinct).toEqual(answeredThenRefused(ADDRESS_BURST + 2, 0));
    const same = [];
    for (let i = 0; i < ADDRESS_BURST + 1; i++) same.push(await askAsNewVisitor(server, '198.51.100.7'));
    expect(same).toEqual(answeredThenRefused(ADDRESS_BURST, 1));
  });
});
