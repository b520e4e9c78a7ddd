import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnBerth, urlOf } from './berth-process.ts';
import { KNOWN_QUESTION } from './harness.ts';
import { eventPayload, SLACK_SECRETS, SlackSender } from './slack-requests.ts';
import { SlackStandIn, until } from './slack-stand-in.ts';

// Stopping while Slack hangs: during start-up (auth.test pending) and with a reply in flight.
let standIn: SlackStandIn | undefined;
afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function slackBerth(env: Record<string, string> = {}) {
  standIn = await SlackStandIn.start();
  return spawnBerth({
    SLACK_BOT_TOKEN: SLACK_SECRETS.botToken,
    SLACK_SIGNING_SECRET: SLACK_SECRETS.signingSecret,
    SLACK_API_URL: standIn.apiUrl,
    ...env,
  });
}

describe('SIGTERM while Slack hangs', () => {
  it('during start-up (auth.test pending, web chat answering): shuts down gracefully, exit 0', async () => {
    const port = await freePort();
    const hung = await SlackStandIn.start();
    standIn = hung;
    hung.hold('auth.test');
    const berth = spawnBerth({
      PORT: String(port),
      SLACK_BOT_TOKEN: SLACK_SECRETS.botToken,
      SLACK_SIGNING_SECRET: SLACK_SECRETS.signingSecret,
      SLACK_API_URL: hung.apiUrl,
    });
    await until(() => hung.callsOf('auth.test').length > 0);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(berth.logs.some((l) => l.msg === 'Berth is listening')).toBe(false);

    berth.child.kill('SIGTERM');
    expect(await berth.exited).toEqual({ code: 0, signal: null });
    const messages = berth.logs.map((l) => l.msg);
    expect(messages).toContain('shutting down: finishing replies in flight');
    expect(messages.at(-1)).toBe('stopped');
  });

  it('with a reply still pending at the deadline: aborts it, logs what was abandoned, exit 0', async () => {
    const berth = await slackBerth({ SHUTDOWN_TIMEOUT_MS: '1000' });
    const url = await urlOf(berth);
    standIn!.hold('chat.postMessage');
    const payload = eventPayload('event-message-im', { text: KNOWN_QUESTION });
    expect((await new SlackSender(`${url}/slack/events`).event(payload)).status).toBe(200);
    await until(() => standIn!.callsOf('chat.postMessage').length > 0);

    const signalled = Date.now();
    berth.child.kill('SIGTERM');
    expect(await berth.exited).toEqual({ code: 0, signal: null });
    // Well before the hard exit (timeout + 2 s), and without "shutdown took too long".
    expect(Date.now() - signalled).toBeLessThan(2900);
    const abandoned = berth.logs.find((l) => l.msg === 'shutdown timeout: abandoned work in flight');
    expect(abandoned?.abandoned).toEqual({ 'slack: question': 1 });
    expect(berth.logs.map((l) => l.msg)).toContain('slack: chat.postMessage failed');
    expect(berth.logs.map((l) => l.msg)).not.toContain('shutdown took too long; exiting');
    expect(berth.logs.at(-1)?.msg).toBe('stopped');
  });
});
