import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelContract } from './contract.ts';
import { KNOWN_QUESTION } from './harness.ts';
import { freshDm, SlackWorld, slackContractDriver } from './slack-driver.ts';
import { eventPayload, SLACK_SECRETS, slackFixture, textOf } from './slack-requests.ts';
import { until } from './slack-stand-in.ts';

type Json = Record<string, unknown>;

describe('Slack in Socket Mode', () => {
  const world = new SlackWorld('socket');
  beforeAll(() => world.start());
  afterAll(() => world.stop());

  const posts = (channel: string) => world.standIn.accepted('chat.postMessage', (b) => b.channel === channel);

  function envelope(name: string, payload: Json): Json & { envelope_id: string } {
    return { ...slackFixture(name), envelope_id: randomUUID(), payload };
  }

  it('connects with the app-level token and needs no public URL', async () => {
    const opens = world.standIn.calls.filter((c) => c.method === 'apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]!.token).toBe(SLACK_SECRETS.appToken);
    expect(world.standIn.connections).toBe(1);
    expect(world.server.channels.find((c) => c.name === 'slack')?.reason).toBe(
      'Socket Mode, slash command /berth',
    );
    const http = await fetch(`${world.server.url}/slack/events`, { method: 'POST', body: '{}' });
    expect(http.status).toBe(404);
  });

  it('acknowledges an events_api envelope, then replies with the Web API', async () => {
    const channel = freshDm();
    const payload = eventPayload('event-message-im', { text: KNOWN_QUESTION, channel });
    const sent = envelope('socket-events-api', payload);
    const ack = await world.standIn.sendEnvelope(sent);
    expect(ack).toEqual({ envelope_id: sent.envelope_id, payload: {} });
    const reply = await until(() => posts(channel)[0]);
    expect(textOf(reply.body)).toContain('https://www.kernel.org/doc/html/latest/admin-guide/cgroup-v2.html');
    expect(reply.token).toBe(SLACK_SECRETS.botToken);
  });

  it('answers a slash command privately through its response_url', async () => {
    const url = world.standIn.responseUrl();
    const command = { ...slackFixture('command-berth'), text: KNOWN_QUESTION, response_url: url };
    const ack = await world.standIn.sendEnvelope(envelope('socket-slash-commands', command));
    expect(ack.envelope_id).toBeTypeOf('string');
    const response = await until(() => world.standIn.responsesTo(url)[0]);
    expect(response.body.response_type).toBe('ephemeral');
    expect(textOf(response.body)).toContain('You asked: what is a cgroup');
  });

  it('answers a redelivered envelope (same event_id) once', async () => {
    const channel = freshDm();
    const payload = eventPayload('event-message-im', { text: KNOWN_QUESTION, channel });
    for (const retry of [0, 1, 2]) {
      const again = {
        ...envelope('socket-events-api', payload),
        retry_attempt: retry,
        retry_reason: retry ? 'timeout' : '',
      };
      await world.standIn.sendEnvelope(again);
    }
    await until(
      () =>
        world.server.logs.filter(
          (l) => l.msg === 'slack: duplicate event dropped' && l.eventId === payload.event_id,
        ).length === 2,
    );
    expect(posts(channel)).toHaveLength(1);
  });

  it('reconnects after the socket is dropped, and keeps answering', async () => {
    world.standIn.killSocket();
    await until(() => world.server.logs.filter((l) => l.msg === 'slack: Socket Mode connected').length === 2);
    expect(world.server.logs.some((l) => l.msg === 'slack: Socket Mode connection lost; reconnecting')).toBe(
      true,
    );
    expect(world.standIn.connections).toBe(2);
    expect(world.standIn.calls.filter((c) => c.method === 'apps.connections.open')).toHaveLength(2);
    const channel = freshDm();
    const payload = eventPayload('event-message-im', { text: KNOWN_QUESTION, channel });
    await world.standIn.sendEnvelope(envelope('socket-events-api', payload));
    const reply = await until(() => posts(channel)[0]);
    expect(textOf(reply.body)).toMatch(/cgroup/);
  });

  it('never writes the app-level token to the logs', () => {
    expect(world.server.rawLogs()).not.toContain(SLACK_SECRETS.appToken);
    expect(world.server.rawLogs()).not.toContain(SLACK_SECRETS.botToken);
  });
});

describe('Slack in Socket Mode with a refused app-level token', () => {
  const world = new SlackWorld('socket');
  beforeAll(() => world.start({ SLACK_APP_TOKEN: 'xapp-1-A0TEST01-revoked' }));
  afterAll(() => world.stop());

  it('still starts, says what to fix, and keeps serving the web chat', async () => {
    const error = world.server.logs.find((l) =>
      String(l.msg).startsWith('slack: Socket Mode could not connect'),
    );
    expect(error).toMatchObject({ slackError: 'invalid_auth' });
    expect(String(error?.msg)).toContain('check SLACK_APP_TOKEN');
    expect((await fetch(`${world.server.url}/healthz`)).status).toBe(200);
    expect(world.standIn.connections).toBe(0);
  });
});

// The same behaviour as over HTTP, spoken over the WebSocket.
channelContract('slack (direct messages, Socket Mode)', slackContractDriver('socket', 'dm'));
