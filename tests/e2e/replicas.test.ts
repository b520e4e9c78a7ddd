import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_ID, KNOWN_QUESTION } from './harness.ts';
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
import { DATABASE_URL, dropRedisKeys, dropSchema, REDIS_URL, runId } from './shared-backends.ts';
import { eventPayload, SLACK_SECRETS, SlackSender } from './slack-requests.ts';
import { SlackStandIn, until } from './slack-stand-in.ts';
import { type ConnectorStandIn, postActivity, startConnector, teamsActivity } from './teams-connector.ts';

/**
 * Two real `berth serve` processes sharing the machine's Redis and PostgreSQL, as two replicas
 * behind a load balancer would: the test plays the load balancer (and Slack's retries).
 */
const prefix = `${runId()}:`;
const schema = runId();
const SHARED = { REDIS_URL, REDIS_KEY_PREFIX: prefix, DATABASE_URL, DATABASE_SCHEMA: schema };
let slack: SlackStandIn;
let connector: ConnectorStandIn;
let replicas: Replica[] = [];
let a: Replica;
let b: Replica;

beforeAll(async () => {
  slack = await SlackStandIn.start();
  connector = await startConnector();
  replicas = await startReplicas({
    ...SHARED,
    RECORDING: 'on',
    RATE_LIMIT_BURST: '3',
    RATE_LIMIT_PER_MINUTE: '1',
    TRUST_PROXY: 'loopback', // the test plays the load balancer, forwarding each visitor's address
    SLACK_BOT_TOKEN: SLACK_SECRETS.botToken,
    SLACK_SIGNING_SECRET: SLACK_SECRETS.signingSecret,
    SLACK_API_URL: slack.apiUrl,
  });
  [a, b] = replicas as [Replica, Replica];
}, 60_000);

afterAll(async () => {
  await stopReplicas(replicas);
  await slack?.stop();
  await connector?.close();
  await dropRedisKeys(prefix);
  await dropSchema(schema);
}, 30_000);

const slackTo = (replica: Replica) => new SlackSender(`${replica.url}/slack/events`);
const duplicatesDropped = (eventId: string) =>
  replicas
    .flatMap((r) => r.berth.logs)
    .filter((l) => l.msg === 'slack: duplicate event dropped' && l.eventId === eventId).length;

describe('two replicas sharing Redis and PostgreSQL', () => {
  it('say on /readyz, and at start-up, that they share Redis and PostgreSQL', async () => {
    for (const replica of replicas) {
      const stores = await storesOf(replica);
      expect(stores.limits).toMatchObject({ kind: 'redis', state: 'up', location: 'redis://127.0.0.1:6379' });
      expect(stores.recordings).toMatchObject({
        kind: 'postgresql',
        state: 'up',
        location: `postgres://127.0.0.1:5432/test (schema ${schema})`,
        queued: 0,
        dropped: 0,
      });
      const listening = await replica.berth.waitForLog((l) => l.msg === 'Berth is listening');
      expect(listening.stores).toMatchObject({
        limits: { kind: 'redis' },
        recordings: { kind: 'postgresql' },
      });
      expect(warningsOf(replica)).not.toContainEqual(expect.stringMatching(/redis|PostgreSQL/));
    }
  });

  it('answer a Slack event sent to both, and retried to both, exactly once', async () => {
    const event = eventPayload('event-message-im', { text: KNOWN_QUESTION, user: 'U0ONCE01' });
    const first = await Promise.all([slackTo(a).event(event), slackTo(b).event(event)]);
    const retries = await Promise.all([
      slackTo(b).event(event, { retryNum: 1 }),
      slackTo(a).event(event, { retryNum: 2 }),
    ]);
    expect([...first, ...retries].map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await until(() => duplicatesDropped(event.event_id) === 3);
    const answers = () => slack.accepted('chat.postMessage', (body) => body.channel === event.event.channel);
    await until(() => answers().length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a second answer would have come by now
    expect(answers()).toHaveLength(1);
  });

  it('answer a Teams activity delivered to both exactly once', async () => {
    const activity = teamsActivity('personal-message', connector.url, { text: KNOWN_QUESTION });
    const results = await Promise.all([postActivity(a.url, activity), postActivity(b.url, activity)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(connector.replies.filter((r) => r.replyToId === activity.id)).toHaveLength(1);
  });

  it("limit one person's burst across both replicas as one person's", async () => {
    const grace = webAsker('grace-burst');
    const statuses = [];
    for (const replica of [a, b, a]) statuses.push((await grace.ask(replica, KNOWN_QUESTION)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const told = await grace.ask(b, KNOWN_QUESTION);
    expect(told).toMatchObject({ status: 429, body: { kind: 'throttled', text: expect.any(String) } });
    expect(await grace.ask(a, KNOWN_QUESTION)).toMatchObject({ status: 429, body: { text: null } });
    expect((await webAsker('heidi-other').ask(a, KNOWN_QUESTION)).status).toBe(200);
  });

  it('put questions and feedback from both replicas into one berth report', async () => {
    const ivan = webAsker('ivan-report');
    expect((await ivan.ask(a, 'what is a cgroup?')).status).toBe(200);
    expect((await ivan.ask(b, 'how many vacation days do I get')).status).toBe(200);
    expect((await ivan.feedback(b, KNOWN_ID, false, 'wanted cgroup v2 via replica b')).status).toBe(200);
    expect((await webAsker('judy-report').feedback(a, KNOWN_ID, true)).status).toBe(200);
    // Questions so far: 1 Slack, 1 Teams, 6 web (grace 3, her 2 throttled ones are not recorded;
    // heidi 1; ivan 2).
    await eventually(async () =>
      (await Promise.all(replicas.map(storesOf))).every((s) => s.recordings.queued === 0),
    );
    const report = await berthReport(SHARED, ['--min-users', '1']); // one unhappy person is enough here
    expect(report.totals.questions).toBe(8);
    expect(report.totals.channels).toEqual({ slack: 1, teams: 1, web: 6 });
    expect(report.totals.feedback).toEqual({ helpful: 1, notHelpful: 1 });
    expect(report.poorFeedback).toContainEqual(
      expect.objectContaining({ id: KNOWN_ID, comments: ['wanted cgroup v2 via replica b'] }),
    );
  });
});
