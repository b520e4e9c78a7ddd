import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { type ConnectorStandIn, postActivity, startConnector, teamsActivity } from './teams-connector.ts';

// How replies get to Teams when the connector pushes back: throttling is waited out, an
// ambiguous failure is never answered with a second copy.

describe('Teams reply delivery', () => {
  let server: TestServer;
  let connector: ConnectorStandIn;
  const question = () => teamsActivity('personal-message', connector.url);

  beforeAll(async () => {
    connector = await startConnector();
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
    await connector.close();
  });
  beforeEach(() => connector.clear());

  it('retries a 429 after its Retry-After and posts the reply once', async () => {
    connector.failNext(429, { 'retry-after': '1' });
    const res = await postActivity(server.url, question());
    expect(res.status).toBe(200);
    expect(connector.calls).toHaveLength(2);
    expect(connector.replies).toHaveLength(1);
    expect(connector.calls[1]?.body).toEqual(connector.calls[0]?.body);
    const retry = server.logs.find((l) => l.msg === 'teams: the connector throttled a reply; retrying');
    expect(retry).toMatchObject({ attempt: 1, waitMs: 1000 });
  });

  it('gives up when throttling goes on, and answers a later redelivery', async () => {
    connector.failNext(429, { 'retry-after': '0' }, 4);
    const activity = question();
    expect((await postActivity(server.url, activity)).status).toBe(502);
    expect(connector.calls).toHaveLength(4);
    expect(connector.replies).toHaveLength(0);
    // Nothing was posted, so when Teams delivers the activity again it is answered.
    expect((await postActivity(server.url, activity)).status).toBe(200);
    expect(connector.replies).toHaveLength(1);
  });

  it('does not wait longer than it may hold a reply: a long Retry-After gives up at once', async () => {
    connector.failNext(429, { 'retry-after': '3600' });
    expect((await postActivity(server.url, question())).status).toBe(502);
    expect(connector.calls).toHaveLength(1);
  });

  it.each([500, 502, 503, 504])(
    'never re-sends after an ambiguous %i, not even when the activity is redelivered',
    async (status) => {
      connector.failNext(status, { 'retry-after': '0' });
      const activity = question();
      expect((await postActivity(server.url, activity)).status).toBe(502);
      expect(connector.calls).toHaveLength(1);
      expect((await postActivity(server.url, activity)).status).toBe(200);
      expect(connector.calls).toHaveLength(1);
      const failure = server.logs.findLast((l) => l.msg === 'teams: could not send the reply');
      expect(JSON.stringify(failure?.err)).toContain(`answered ${status}`);
    },
  );

  it('answers a redelivery when the connector could not be reached at all (nothing was posted)', async () => {
    const activity = teamsActivity('personal-message', 'http://127.0.0.1:9/teams/');
    expect((await postActivity(server.url, activity)).status).toBe(502);
    expect((await postActivity(server.url, { ...activity, serviceUrl: connector.url })).status).toBe(200);
    expect(connector.replies).toHaveLength(1);
  });

  it('keeps answering after delivery failures', async () => {
    expect((await postActivity(server.url, question())).status).toBe(200);
    expect(connector.replies).toHaveLength(1);
  });
});
