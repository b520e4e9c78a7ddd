import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { type ConnectorStandIn, postActivity, startConnector, teamsActivity } from './teams-connector.ts';

// Bot Framework authentication end to end, without Microsoft: the test is the identity provider.
// It publishes OpenID metadata and a JWKS on loopback, signs Teams-style tokens with its own RSA
// key, and issues Berth's outgoing tokens from a local token endpoint.

const APP_ID = '5b0d8f4e-3c2a-4e1b-9d7f-6a5c4b3e2d1f';
const APP_SECRET = 'berth-test-client-secret-Qx7~wZ';
const ACCESS_TOKEN = 'local-access-token-7f3a9c';
const KID = 'berth-test-key';

interface IdentityProvider {
  base: string;
  issuer: string;
  tokenRequests: URLSearchParams[];
  metadataStatus: number;
  close(): Promise<void>;
}

function rsaKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

async function startIdentityProvider(
  keys: { kid: string; key: KeyObject; endorsements: string[] }[],
): Promise<IdentityProvider> {
  const tokenRequests: URLSearchParams[] = [];
  const state = { metadataStatus: 200 };
  let base = '';
  const jwks = {
    keys: keys.map(({ kid, key, endorsements }) => ({
      ...key.export({ format: 'jwk' }),
      kid,
      use: 'sig',
      endorsements,
    })),
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      if (req.url === '/openid' || req.url === '/emulator/openid')
        return json(state.metadataStatus, {
          issuer: `${base}/`,
          jwks_uri: `${base}${req.url === '/openid' ? '' : '/emulator'}/keys`,
        });
      if (req.url === '/keys') return json(200, jwks);
      if (req.url === '/emulator/keys') return json(200, { keys: [] });
      if (req.method === 'POST' && req.url?.startsWith('/botframework.com/oauth2/v2.0/token')) {
        tokenRequests.push(new URLSearchParams(body));
        return json(200, {
          token_type: 'Bearer',
          expires_in: 3600,
          ext_expires_in: 3600,
          access_token: ACCESS_TOKEN,
        });
      }
      json(404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    issuer: `${base}/`,
    tokenRequests,
    get metadataStatus() {
      return state.metadataStatus;
    },
    set metadataStatus(status: number) {
      state.metadataStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Teams authentication (app id set)', () => {
  const trusted = rsaKey();
  const stranger = rsaKey();
  const slackOnly = rsaKey();
  let idp: IdentityProvider;
  let connector: ConnectorStandIn;
  let server: TestServer;

  /** A token as the Bot Framework channel service signs it for a request to Berth. */
  const token = (claims: Record<string, unknown> = {}, key = trusted.privateKey, kid = KID) => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: idp.issuer,
      aud: APP_ID,
      serviceurl: connector.url,
      nbf: now - 60,
      exp: now + 3600,
      ...claims,
    };
    return jwt.sign(payload, key, { algorithm: 'RS256', keyid: kid });
  };
  const ask = (authorization?: string, headers: Record<string, string> = {}) =>
    postActivity(server.url, teamsActivity('personal-message', connector.url), {
      ...headers,
      ...(authorization === undefined ? {} : { authorization }),
    });

  beforeAll(async () => {
    idp = await startIdentityProvider([
      { kid: KID, key: trusted.publicKey, endorsements: ['msteams'] },
      { kid: 'slack-only', key: slackOnly.publicKey, endorsements: ['slack'] },
    ]);
    connector = await startConnector();
    server = await startTestServer({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: APP_SECRET,
      ToBotFromChannelOpenIdMetadataUrl: `${idp.base}/openid`,
      ToBotFromChannelTokenIssuer: idp.issuer,
      ToBotFromEmulatorOpenIdMetadataUrl: `${idp.base}/emulator/openid`,
      TEAMS_TOKEN_ENDPOINT: `${idp.base}/botframework.com/oauth2/v2.0/token`,
    });
  });
  afterAll(async () => {
    await server.stop();
    await connector.close();
    await idp.close();
  });
  beforeEach(() => connector.clear());

  it('accepts a correctly signed token and replies with a token from the token endpoint', async () => {
    const res = await ask(`Bearer ${token()}`);
    expect(res.status).toBe(200);
    expect(connector.replies).toHaveLength(1);
    expect(connector.replies[0]?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    const grant = idp.tokenRequests[0];
    expect(grant?.get('grant_type')).toBe('client_credentials');
    expect(grant?.get('client_id')).toBe(APP_ID);
    expect(grant?.get('client_secret')).toBe(APP_SECRET);
    expect(grant?.get('scope')).toBe('https://api.botframework.com/.default');
  });

  it('accepts an authenticated request that came through a proxy (only local trial mode refuses those)', async () => {
    const res = await ask(`Bearer ${token()}`, { 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(200);
    expect(connector.replies).toHaveLength(1);
  });

  // Each case with the reason botbuilder gives, so a token is refused for the right reason.
  const refused: [string, () => string | undefined, RegExp][] = [
    ['no Authorization header', () => undefined, /not authorized/],
    ['an empty Authorization header', () => '', /not authorized/],
    [
      'another scheme',
      () => `Basic ${Buffer.from(`${APP_ID}:${APP_SECRET}`).toString('base64')}`,
      /No valid identity/,
    ],
    [
      'a token for another app (audience)',
      () => `Bearer ${token({ aud: '00000000-0000-0000-0000-000000000000' })}`,
      /Invalid AppId/,
    ],
    [
      'a token from another issuer',
      () => `Bearer ${token({ iss: 'https://issuer.example.com/' })}`,
      /No valid identity/,
    ],
    [
      'an expired token',
      () => `Bearer ${token({ nbf: 1_700_000_000, exp: Math.floor(Date.now() / 1000) - 3600 })}`,
      /expired/,
    ],
    [
      'a token signed with another key under the trusted key id',
      () => `Bearer ${token({}, stranger.privateKey)}`,
      /invalid signature/,
    ],
    [
      'a token signed by a key not endorsed for Teams',
      () => `Bearer ${token({}, slackOnly.privateKey, 'slack-only')}`,
      /endorsement/,
    ],
    [
      'a token for another serviceUrl',
      () => `Bearer ${token({ serviceurl: 'https://smba.trafficmanager.net/emea/' })}`,
      /ServiceUrl claim/,
    ],
    [
      'an unsigned token',
      () =>
        `Bearer ${jwt.sign({ iss: idp.issuer, aud: APP_ID, serviceurl: connector.url }, '', { algorithm: 'none' })}`,
      /Signing Key/,
    ],
  ];

  it.each(refused)('refuses %s with 401 and sends nothing', async (_name, authorization, reason) => {
    const res = await ask(authorization());
    expect(res.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
    const logged = server.logs.filter((l) => l.msg === 'teams: request not authenticated').at(-1);
    expect(logged?.reason).toMatch(reason);
  });

  it('answers 503 (and sends nothing) while the signing keys cannot be fetched', async () => {
    // A fresh metadata URL, so botbuilder's per-URL key cache is empty.
    const other = await startTestServer({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: APP_SECRET,
      ToBotFromChannelOpenIdMetadataUrl: `${idp.base}/openid?fresh`,
      ToBotFromChannelTokenIssuer: idp.issuer,
      ToBotFromEmulatorOpenIdMetadataUrl: `${idp.base}/emulator/openid`,
      TEAMS_TOKEN_ENDPOINT: `${idp.base}/botframework.com/oauth2/v2.0/token`,
    });
    idp.metadataStatus = 500;
    try {
      const res = await postActivity(other.url, teamsActivity('personal-message', connector.url), {
        authorization: `Bearer ${token()}`,
      });
      expect(res.status).toBe(503);
      expect(connector.calls).toHaveLength(0);
    } finally {
      idp.metadataStatus = 200;
      await other.stop();
    }
  });

  it('never writes the secret, the tokens or the Authorization header to the logs', async () => {
    const bearer = token();
    expect((await ask(`Bearer ${bearer}`)).status).toBe(200);
    const forged = token({ aud: 'someone-else' });
    expect((await ask(`Bearer ${forged}`)).status).toBe(401);
    // A refused reply makes botbuilder throw an error that carries the signed request.
    connector.failNext(403);
    expect((await ask(`Bearer ${token()}`)).status).toBe(502);
    expect(connector.calls.at(-1)?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    const logs = server.rawLogs();
    expect(logs).toContain('request not authenticated');
    for (const secret of [APP_SECRET, ACCESS_TOKEN, bearer, forged]) expect(logs).not.toContain(secret);
  });
});
