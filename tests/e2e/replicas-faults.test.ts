import { afterAll, describe, expect, it } from 'vitest';
import { KNOWN_QUESTION } from './harness.ts';
import {
  berthReport,
  eventually,
  type Replica,
  startReplicas,
  stopReplicas,
  storesOf,
  warningsOf,
  webAsker,
} from './replicas.ts';
import {
  closedPort,
  DATABASE_URL,
  dropRedisKeys,
  dropSchema,
  REDIS_URL,
  runId,
  TcpRelay,
} from './shared-backends.ts';
import { eventPayload, SLACK_SECRETS, SlackSender } from './slack-requests.ts';
import { SlackStandIn, until } from './slack-stand-in.ts';

/**
 * Two real `berth serve` processes whose Redis and PostgreSQL are missing at start-up, or go away
 * while they run (a relay in front of the real servers is cut, then restored): answers never stop.
 */
const prefix = `${runId()}:`;
const schema = runId();
const started: Replica[] = [];
const relays: TcpRelay[] = [];
let slack: SlackStandIn | undefined;

afterAll(async () => {
  await stopReplicas(started);
  for (const relay of relays) await relay.cut();
  await slack?.stop();
  await dropRedisKeys(prefix);
  await dropSchema(schema);
}, 30_000);

async function replicas(env: Record<string, string>): Promise<Replica[]> {
  slack ??= await SlackStandIn.start();
  const pair = await startReplicas({
    RECORDING: 'on',
    SLACK_BOT_TOKEN: SLACK_SECRETS.botToken,
    SLACK_SIGNING_SECRET: SLACK_SECRETS.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    ...env,
  });
  started.push(...pair);
  return pair;
}

/** Each replica answers the web chat and a Slack direct message. */
async function bothAnswer(pair: Replica[], who: string): Promise<void> {
  for (const [i, replica] of pair.entries()) {
    const web = await webAsker(`${who}-${i}`).ask(replica, KNOWN_QUESTION);
    expect(web).toMatchObject({ status: 200, body: { kind: 'reply', outcome: 'answer' } });
    const event = eventPayload('event-message-im', {
      text: KNOWN_QUESTION,
      user: `U0${who}${i}`.toUpperCase(),
    });
    const posted = slack?.accepted('chat.postMessage').length ?? 0;
    expect((await new SlackSender(`${replica.url}/slack/events`).event(event)).status).toBe(200);
    await until(() => (slack?.accepted('chat.postMessage').length ?? 0) > posted);
  }
}

describe('Redis and PostgreSQL unreachable at start-up', () => {
  it('both replicas start, answer, warn, and say so on /readyz', async () => {
    const redisUrl = `redis://127.0.0.1:${await closedPort()}`;
    const databaseUrl = `postgres://postgres:not-shown@127.0.0.1:${await closedPort()}/test`;
    const pair = await replicas({ REDIS_URL: redisUrl, DATABASE_URL: databaseUrl, REDIS_KEY_PREFIX: prefix });
    await bothAnswer(pair, 'startdown');
    for (const replica of pair) {
      const stores = await storesOf(replica);
      expect(stores.limits).toMatchObject({
        kind: 'redis',
        state: 'down',
        problem: expect.stringMatching(/ECONNREFUSED/),
      });
      expect(stores.recordings).toMatchObject({ kind: 'postgresql', state: 'down', queued: 2, dropped: 0 });
      expect(warningsOf(replica)).toEqual(
        expect.arrayContaining([
          'redis: cannot connect; de-duplication and rate limits stay in this replica until it can (retrying)',
          'recording: cannot reach PostgreSQL; queueing events in memory until it is back (retrying)',
        ]),
      );
      expect(JSON.stringify(replica.berth.logs)).not.toContain('not-shown');
    }
  }, 60_000);
});

describe('Redis and PostgreSQL lost while Berth runs, then back', () => {
  it('keeps answering on both replicas, queues recordings, and catches up once they are back', async () => {
    const redis = await TcpRelay.start({ host: '127.0.0.1', port: 6379 });
    const postgres = await TcpRelay.start({ host: '127.0.0.1', port: 5432 });
    relays.push(redis, postgres);
    const shared = {
      REDIS_URL: redis.url(REDIS_URL),
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL: postgres.url(DATABASE_URL),
      DATABASE_SCHEMA: schema,
    };
    const pair = await replicas(shared);
    for (const replica of pair)
      expect(await storesOf(replica)).toMatchObject({ limits: { state: 'up' }, recordings: { state: 'up' } });
    await bothAnswer(pair, 'before');

    await Promise.all([redis.cut(), postgres.cut()]);
    await bothAnswer(pair, 'during');
    await bothAnswer(pair, 'during2');
    for (const replica of pair) {
      await eventually(async () => (await storesOf(replica)).limits.state === 'down');
      const stores = await storesOf(replica);
      expect(stores.recordings).toMatchObject({ state: 'down', dropped: 0 });
      expect(stores.recordings.queued).toBeGreaterThan(0);
      expect(warningsOf(replica)).toEqual(
        expect.arrayContaining([
          'redis: connection lost; de-duplication and rate limits stay in this replica until it is back (retrying)',
          'recording: lost PostgreSQL; queueing events in memory until it is back (retrying)',
        ]),
      );
    }

    await Promise.all([redis.restore(), postgres.restore()]);
    for (const replica of pair)
      await eventually(async () => {
        const stores = await storesOf(replica);
        return (
          stores.limits.state === 'up' && stores.recordings.state === 'up' && stores.recordings.queued === 0
        );
      });
    await bothAnswer(pair, 'after');
    await eventually(async () =>
      (await Promise.all(pair.map(storesOf))).every((s) => s.recordings.queued === 0),
    );
    // Per replica: a web and a Slack question before, two of each during, and one of each after.
    const report = await berthReport({ DATABASE_URL, DATABASE_SCHEMA: schema });
    expect(report.totals.channels).toEqual({ web: 8, slack: 8 });
  }, 90_000);
});
