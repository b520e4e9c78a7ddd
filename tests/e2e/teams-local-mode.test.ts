import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { type ConnectorStandIn, postActivity, startConnector, teamsActivity } from './teams-connector.ts';

// Without MicrosoftAppId nothing is authenticated, so Berth must only ever talk to this machine.
// (A request from a genuinely non-loopback address cannot be made here: this sandbox allows
// traffic to loopback only. tests/unit/teams-local-mode.test.ts covers the address check itself.)

describe('Teams local trial mode', () => {
  let server: TestServer;
  let connector: ConnectorStandIn;
  const post = (headers: Record<string, string> = {}, overrides: Record<string, unknown> = {}) =>
    postActivity(server.url, teamsActivity('personal-message', connector.url, overrides), headers);

  beforeAll(async () => {
    connector = await startConnector();
    server = await startTestServer({ HOST: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.stop();
    await connector.close();
  });
  beforeEach(() => connector.clear());

  it('warns loudly at start-up and says so in the channel status', () => {
    const warning = server.logs.find((l) => String(l.msg).includes('LOCAL TRIAL MODE'));
    expect(warning?.level).toBe(40);
    const teams = server.channels.find((c) => c.name === 'teams');
    expect(teams).toMatchObject({ on: true });
    expect(teams?.reason).toMatch(/local trial mode.*this machine only/);
  });

  it('answers a request from this machine', async () => {
    expect((await post()).status).toBe(200);
    expect(connector.replies).toHaveLength(1);
  });

  it('refuses a request naming another host (DNS rebinding) with 403 and sends nothing', async () => {
    // fetch() will not send a Host header of our choosing; node:http will.
    const body = JSON.stringify(teamsActivity('personal-message', connector.url));
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { host: 'berth.attacker.example', 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(403);
    expect(connector.calls).toHaveLength(0);
  });

  it.each([
    ['forwarded by a tunnel', { 'x-forwarded-for': '203.0.113.9' }],
    ['forwarded by a proxy (RFC 7239)', { forwarded: 'for=198.51.100.17;proto=https' }],
  ])('refuses a request %s with 403 and sends nothing', async (_name, headers) => {
    const res = await post(headers);
    expect(res.status).toBe(403);
    expect(connector.calls).toHaveLength(0);
  });

  it('refuses to send replies anywhere but this machine', async () => {
    const res = await post({}, { serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    expect(res.status).toBe(403);
    expect(
      server.logs.findLast((l) => l.msg === 'teams: refused an unauthenticated request')?.refusal,
    ).toMatch(/serviceUrl/);
  });

  it('ignores a bearer token it has no app id to check, and still keeps to this machine', async () => {
    const res = await post({ authorization: 'Bearer anything', 'x-real-ip': '192.0.2.1' });
    expect(res.status).toBe(403);
  });
});
