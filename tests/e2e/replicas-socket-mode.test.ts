import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KNOWN_QUESTION } from './harness.ts';
import { type Replica, startReplicas, stopReplicas } from './replicas.ts';
import { dropRedisKeys, REDIS_URL, runId } from './shared-backends.ts';
import { eventPayload, SLACK_SECRETS, slackFixture } from './slack-requests.ts';
import { SlackStandIn, until } from './slack-stand-in.ts';

/**
 * Socket Mode with two replicas: each opens its own connection (here each to its own stand-in, so
 * the test can choose the connection), and Slack redelivers an unacknowledged event on the other.
 */
const prefix = `${runId()}:`;
let slacks: SlackStandIn[] = [];
let replicas: Replica[] = [];

beforeAll(async () => {
  slacks = [await SlackStandIn.start(), await SlackStandIn.start()];
  replicas = (
    await Promise.all(
      slacks.map((slack) =>
        startReplicas(
          {
            REDIS_URL,
            REDIS_KEY_PREFIX: prefix,
            SLACK_BOT_TOKEN: SLACK_SECRETS.botToken,
            SLACK_APP_TOKEN: SLACK_SECRETS.appToken,
            SLACK_API_URL: slack.apiUrl,
          },
          1,
        ),
      ),
    )
  ).flat();
  for (const slack of slacks) await until(() => slack.socketOpen);
}, 60_000);

afterAll(async () => {
  await stopReplicas(replicas);
  for (const slack of slacks) await slack.stop();
  await dropRedisKeys(prefix);
}, 30_000);

it('answers an event once when Slack redelivers it on the other replica’s connection', async () => {
  const payload = eventPayload('event-message-im', { text: KNOWN_QUESTION, user: 'U0SOCKET1' });
  const envelope = (retry: number) => ({
    ...slackFixture('socket-events-api'),
    envelope_id: randomUUID(),
    payload,
    retry_attempt: retry,
    retry_reason: retry ? 'timeout' : '',
  });
  const [first, second] = slacks as [SlackStandIn, SlackStandIn];
  await first.sendEnvelope(envelope(0));
  await second.sendEnvelope(envelope(1));
  await until(() =>
    replicas.some((r) =>
      r.berth.logs.some((l) => l.msg === 'slack: duplicate event dropped' && l.eventId === payload.event_id),
    ),
  );
  const answers = () => slacks.flatMap((s) => s.accepted('chat.postMessage'));
  await until(() => answers().length > 0);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(answers()).toHaveLength(1);
  expect(first.accepted('chat.postMessage')).toHaveLength(1);
});
