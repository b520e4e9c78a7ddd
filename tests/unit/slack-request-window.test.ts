import { describe, expect, it } from 'vitest';
import { isSlackResponseUrl } from '../../adapters/slack/outbox.ts';
import { commandKey, timestampProblem } from '../../adapters/slack/request-window.ts';

describe("Slack's five-minute window, both ways", () => {
  const now = 1_800_000_000_000;
  const at = (offsetSeconds: number) => String(now / 1000 + offsetSeconds);

  it('accepts up to five minutes either side, refuses beyond', () => {
    expect(timestampProblem(at(0), now)).toBeUndefined();
    expect(timestampProblem(at(300), now)).toBeUndefined();
    expect(timestampProblem(at(-300), now)).toBeUndefined();
    expect(timestampProblem(at(301), now)).toBe('timestamp 301 s in the future');
    expect(timestampProblem(at(365 * 86_400), now)).toBe('timestamp 31536000 s in the future');
    expect(timestampProblem(at(-301), now)).toBe('timestamp 301 s in the past');
    expect(timestampProblem(undefined, now)).toBe('no usable timestamp');
    expect(timestampProblem('soon', now)).toBe('no usable timestamp');
  });

  it('keys a command by its trigger id, or a digest of all of it', () => {
    expect(commandKey({ event_id: 'Ev1', event: {} })).toBeUndefined();
    expect(commandKey({ command: '/berth', trigger_id: 'T.1' })).toBe('command:T.1');
    const a = commandKey({ command: '/berth', text: 'x', response_url: 'https://hooks.slack.com/1' });
    const b = commandKey({ command: '/berth', text: 'x', response_url: 'https://hooks.slack.com/2' });
    expect(a).toMatch(/^command:[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(commandKey({ type: 'block_actions', trigger_id: 'T.2' })).toBeUndefined();
  });
});

describe('response_url: only Slack’s own', () => {
  it('is https on slack.com, or on SLACK_API_URL’s domain and port when set', () => {
    expect(isSlackResponseUrl('https://hooks.slack.com/commands/T1/2/abc')).toBe(true);
    expect(isSlackResponseUrl('http://hooks.slack.com/commands/T1/2/abc')).toBe(false);
    expect(isSlackResponseUrl('https://hooks.slack.com.evil.example/commands/T1')).toBe(false);
    expect(isSlackResponseUrl('https://evil.example/hooks.slack.com')).toBe(false);
    expect(isSlackResponseUrl('https://hooks.slack.com:8443/commands/T1')).toBe(false);
    expect(isSlackResponseUrl('https://user:pw@hooks.slack.com/commands/T1')).toBe(false);
    expect(isSlackResponseUrl('not a url')).toBe(false);
    const gov = 'https://slack-gov.com/api/';
    expect(isSlackResponseUrl('https://hooks.slack-gov.com/commands/T1', gov)).toBe(true);
    expect(isSlackResponseUrl('https://hooks.slack.com/commands/T1', gov)).toBe(false);
    const standIn = 'http://127.0.0.1:4000/api/';
    expect(isSlackResponseUrl('http://127.0.0.1:4000/response/1', standIn)).toBe(true);
    expect(isSlackResponseUrl('http://127.0.0.1:4001/response/1', standIn)).toBe(false);
  });
});
