import { describe, expect, it } from 'vitest';
import { startupBanner } from '../../adapters/server/banner.ts';
import { deliveryKeyOf } from '../../adapters/slack/listeners.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import { startTestServer } from '../e2e/harness.ts';
import { slackFixture } from '../e2e/slack-requests.ts';

const knowledge = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);

function banner(stores: Parameters<typeof startupBanner>[0]['stores']): string {
  return startupBanner({
    url: 'http://127.0.0.1:3978',
    channels: [{ name: 'web', on: true, reason: 'always on' }],
    stores,
    knowledge,
    config: { host: '127.0.0.1', knowledgeDirs: [BUILTIN_KNOWLEDGE_DIR], watchKnowledge: false },
    cwd: '/srv/berth',
  });
}

describe('the start-up banner names the stores in use', () => {
  it('one replica: this process and the SQLite file', () => {
    const text = banner({
      limits: { kind: 'memory', state: 'up' },
      recordings: { kind: 'sqlite', state: 'up', location: '/srv/berth/data/berth.db' },
    });
    expect(text).toContain('  Limits:    de-duplication and rate limits in this process (one replica)\n');
    expect(text).toContain('  Recording: SQLite data/berth.db\n');
  });

  it('several replicas: Redis and PostgreSQL, with what happens while one is down', () => {
    const text = banner({
      limits: { kind: 'redis', state: 'up', location: 'redis://cache:6379' },
      recordings: {
        kind: 'postgresql',
        state: 'down',
        location: 'postgres://db:5432/berth (schema public)',
        problem: 'connect ECONNREFUSED 10.0.0.5:5432',
      },
    });
    expect(text).toContain(
      'de-duplication and rate limits in Redis redis://cache:6379, shared by every replica\n',
    );
    expect(text).toContain(
      '  Recording: PostgreSQL postgres://db:5432/berth (schema public) (down: connect ECONNREFUSED 10.0.0.5:5432; queued in memory until it is back)\n',
    );
  });

  it('recording off', () => {
    expect(
      banner({ limits: { kind: 'memory', state: 'up' }, recordings: { kind: 'off', state: 'off' } }),
    ).toContain('  Recording: off (RECORDING=off)\n');
  });
});

describe('/readyz', () => {
  it('shows where de-duplication, rate limits and recordings are kept', async () => {
    const server = await startTestServer();
    try {
      const body = (await (await fetch(`${server.url}/readyz`)).json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        status: 'ready',
        stores: { limits: { kind: 'memory', state: 'up' }, recordings: { kind: 'off', state: 'off' } },
      });
    } finally {
      await server.stop();
    }
  });
});

describe('which Slack deliveries count as the same', () => {
  it('an event by its event_id, whatever else a retry changes', () => {
    const event = slackFixture('event-app-mention');
    expect(deliveryKeyOf(event)).toBe('event:Ev0MENTION01');
    expect(deliveryKeyOf({ ...event, event_time: 1 })).toBe('event:Ev0MENTION01');
  });

  it('a command or an interaction by its whole payload: the same request twice, never two clicks', () => {
    const click = slackFixture('action-feedback-in-dm');
    expect(deliveryKeyOf(click)).toBe(deliveryKeyOf(slackFixture('action-feedback-in-dm')));
    expect(deliveryKeyOf(click)).toMatch(/^payload:[A-Za-z0-9_-]{43}$/);
    expect(deliveryKeyOf({ ...click, trigger_id: 'another click' })).not.toBe(deliveryKeyOf(click));
  });
});
