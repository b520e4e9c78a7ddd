import { describe, expect, it } from 'vitest';
import { RecentKeys } from '../../adapters/channel/recent-keys.ts';
import {
  ConnectorOutcomeUnknown,
  type ConnectorRequest,
  ConnectorThrottled,
  ConnectorUnreachable,
  connectorTransport,
  type RawResponse,
  retryDelayMs,
} from '../../adapters/teams/connector-transport.ts';
import { isLoopbackAddress, localModeRefusal } from '../../adapters/teams/local-mode.ts';

/** A transport over scripted connector answers; records what it sent and how long it waited. */
function scripted(answers: (RawResponse | Error)[], policy = {}) {
  const sent: string[] = [];
  const waits: number[] = [];
  const transport = connectorTransport({
    policy,
    sleep: async (ms) => {
      waits.push(ms);
    },
    send: async (request) => {
      sent.push(request.url);
      const next = answers.shift();
      if (!next) throw new Error('no more scripted answers');
      if (next instanceof Error) throw next;
      return next;
    },
  });
  return { transport, sent, waits };
}

const request = {
  url: 'https://smba.trafficmanager.net/emea/v3/conversations/a%3A1/activities/42',
  method: 'POST',
} as ConnectorRequest;
const ok: RawResponse = { status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":"1"}' };
const throttled = (retryAfter?: string): RawResponse => ({
  status: 429,
  headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  body: '',
});

describe('posting replies to the Teams connector', () => {
  it('passes a success straight through, with its body and headers', async () => {
    const { transport, sent } = scripted([ok]);
    const res = await transport.sendRequest(request);
    expect(res.status).toBe(201);
    expect(res.bodyAsText).toBe('{"id":"1"}');
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(sent).toHaveLength(1);
  });

  it('waits out a 429 for as long as Retry-After says, then sends again', async () => {
    const { transport, sent, waits } = scripted([throttled('2'), throttled('1'), ok]);
    expect((await transport.sendRequest(request)).status).toBe(201);
    expect(waits).toEqual([2000, 1000]);
    expect(sent).toHaveLength(3);
  });

  it('backs off exponentially when a 429 gives no Retry-After', async () => {
    const { transport, waits } = scripted([throttled(), throttled(), throttled(), ok], {
      baseDelayMs: 100,
      maxAttempts: 4,
    });
    await transport.sendRequest(request);
    expect(waits).toEqual([100, 200, 400]);
  });

  it('gives up after the last attempt, or at once when the wait would be too long', async () => {
    const endless = scripted([throttled('0'), throttled('0'), throttled('0')], { maxAttempts: 3 });
    await expect(endless.transport.sendRequest(request)).rejects.toBeInstanceOf(ConnectorThrottled);
    expect(endless.sent).toHaveLength(3);
    const patient = scripted([throttled('60')], { maxTotalWaitMs: 10_000 });
    await expect(patient.transport.sendRequest(request)).rejects.toBeInstanceOf(ConnectorThrottled);
    expect(patient.waits).toEqual([]);
  });

  it.each([500, 502, 503, 504])('never sends again after a %i: it may have been posted', async (status) => {
    const { transport, sent } = scripted([{ status, headers: { 'retry-after': '0' }, body: '' }, ok]);
    const error = await transport.sendRequest(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorOutcomeUnknown);
    expect((error as ConnectorOutcomeUnknown).status).toBe(status);
    // Not a RestError, so the Azure pipeline's own retry policy above this client does not retry it.
    expect((error as Error).name).not.toBe('RestError');
    expect(sent).toHaveLength(1);
  });

  it('reports a connector it cannot reach as such (nothing was sent)', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const { transport, sent } = scripted([refused, ok]);
    await expect(transport.sendRequest(request)).rejects.toBeInstanceOf(ConnectorUnreachable);
    expect(sent).toHaveLength(1);
  });

  it('never sends again after a dropped connection or a timeout', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const { transport, sent } = scripted([reset, ok]);
    await expect(transport.sendRequest(request)).rejects.toBeInstanceOf(ConnectorOutcomeUnknown);
    expect(sent).toHaveLength(1);
  });

  it('returns client errors (4xx) for botbuilder to report, without retrying', async () => {
    const { transport, sent } = scripted([
      { status: 403, headers: {}, body: '{"error":{"code":"BotNotInConversationRoster"}}' },
    ]);
    expect((await transport.sendRequest(request)).status).toBe(403);
    expect(sent).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(retryDelayMs('3', 1, 500, now)).toBe(3000);
    expect(retryDelayMs('Fri, 27 Nov 2026 10:00:05 GMT', 1, 500, now)).toBe(5000);
    expect(retryDelayMs('Fri, 27 Nov 2026 09:00:00 GMT', 1, 500, now)).toBe(0);
    expect(retryDelayMs('soon', 3, 500, now)).toBe(2000);
    expect(retryDelayMs(undefined, 1, 500, now)).toBe(500);
  });
});

describe('remembering deliveries', () => {
  it('says yes once per key, forgets the oldest beyond its capacity, and can forget on purpose', () => {
    const recent = new RecentKeys(3);
    expect(['a', 'b', 'a', 'c'].map((k) => recent.firstTime(k))).toEqual([true, true, false, true]);
    expect(recent.firstTime('d')).toBe(true);
    expect(recent.size).toBe(3);
    expect(recent.firstTime('a')).toBe(true);
    expect(recent.firstTime('d')).toBe(false);
    recent.forget('d');
    expect(recent.firstTime('d')).toBe(true);
  });

  it('stays bounded however many deliveries arrive', () => {
    const recent = new RecentKeys(1000);
    for (let i = 0; i < 50_000; i++) recent.firstTime(`conversation|${i}`);
    expect(recent.size).toBe(1000);
  });
});

describe('local trial mode: who may talk to an unauthenticated Berth', () => {
  const local = {
    remoteAddress: '127.0.0.1',
    headers: { host: 'localhost:3978' },
    serviceUrl: 'http://localhost:56150',
  };

  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1'])(
    '%s is this machine',
    (a) => {
      expect(isLoopbackAddress(a)).toBe(true);
    },
  );

  it.each([
    '10.0.0.7',
    '192.168.1.20',
    '172.17.0.1',
    '203.0.113.9',
    '::ffff:10.0.0.7',
    'fe80::1',
    '::',
    '0.0.0.0',
    '',
    undefined,
  ])('%s is not', (a) => {
    expect(isLoopbackAddress(a)).toBe(false);
  });

  it('lets the Agents Playground on this machine in', () => {
    expect(localModeRefusal(local)).toBeUndefined();
    expect(
      localModeRefusal({ ...local, remoteAddress: '::1', headers: { host: '[::1]:3978' } }),
    ).toBeUndefined();
    expect(
      localModeRefusal({
        ...local,
        headers: { host: '127.0.0.1:3978' },
        serviceUrl: 'http://127.0.0.1:9000/',
      }),
    ).toBeUndefined();
  });

  it('refuses other machines, proxies and tunnels, foreign Host names and foreign serviceUrls', () => {
    expect(localModeRefusal({ ...local, remoteAddress: '10.0.0.7' })).toMatch(/10\.0\.0\.7/);
    expect(localModeRefusal({ ...local, remoteAddress: undefined })).toMatch(/unknown address/);
    expect(
      localModeRefusal({ ...local, headers: { ...local.headers, 'x-forwarded-for': '203.0.113.9' } }),
    ).toMatch(/x-forwarded-for/);
    expect(localModeRefusal({ ...local, headers: { ...local.headers, forwarded: 'for=1.2.3.4' } })).toMatch(
      /forwarded/,
    );
    expect(localModeRefusal({ ...local, headers: { host: 'berth.example.com' } })).toMatch(/Host/);
    expect(localModeRefusal({ ...local, headers: {} })).toMatch(/Host/);
    expect(localModeRefusal({ ...local, serviceUrl: 'https://smba.trafficmanager.net/emea/' })).toMatch(
      /serviceUrl/,
    );
    expect(localModeRefusal({ ...local, serviceUrl: 'http://localhost.attacker.example/' })).toMatch(
      /serviceUrl/,
    );
  });
});
