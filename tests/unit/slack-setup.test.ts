import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RecentKeys } from '../../adapters/channel/recent-keys.ts';
import { readServerConfig } from '../../adapters/server/config.ts';
import { slackStatus } from '../../adapters/slack/channel.ts';
import { slackApiUrl } from '../../adapters/slack/slack-app.ts';

const BOT = 'xoxb-1-2-abc';
const APP = 'xapp-1-A1-2-abc';
const status = (env: Record<string, string>) => slackStatus(readServerConfig(env).slack);

describe('when the Slack channel is on', () => {
  it('is off without credentials, naming what to set', () => {
    expect(status({})).toEqual({
      name: 'slack',
      on: false,
      reason: 'set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    });
    expect(status({ SLACK_SIGNING_SECRET: 's' }).reason).toBe('set SLACK_BOT_TOKEN');
    expect(status({ SLACK_BOT_TOKEN: BOT }).reason).toBe(
      'set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    );
  });

  it('is on in HTTP mode with a bot token and signing secret', () => {
    const s = status({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'secret' });
    expect(s.on).toBe(true);
    expect(s.reason).toBe('HTTP mode at POST /slack/events, slash command /berth');
  });

  it('prefers Socket Mode when an app-level token is set, and names a renamed command', () => {
    const s = status({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: 's',
      SLACK_APP_TOKEN: APP,
      SLACK_SLASH_COMMAND: '/ask',
    });
    expect(s.reason).toBe('Socket Mode, slash command /ask');
  });

  it('refuses tokens in the wrong variable without printing them', () => {
    expect(() => readServerConfig({ SLACK_APP_TOKEN: BOT })).toThrow(
      'SLACK_APP_TOKEN: expected an app-level token with connections:write, starting with "xapp-" (value not shown)',
    );
    expect(() => readServerConfig({ SLACK_BOT_TOKEN: APP })).toThrow(/SLACK_BOT_TOKEN: .*"xoxb-"/);
    expect(() => readServerConfig({ SLACK_BOT_TOKEN: APP })).not.toThrow(APP);
  });

  it('gives the WebClient SLACK_API_URL with a trailing slash', () => {
    expect(slackApiUrl({ apiUrl: 'http://127.0.0.1:4000/api' })).toBe('http://127.0.0.1:4000/api/');
    expect(slackApiUrl({ apiUrl: 'https://slack-gov.com/api/' })).toBe('https://slack-gov.com/api/');
    expect(slackApiUrl({})).toBeUndefined();
  });
});

describe('RecentKeys: duplicate Slack deliveries', () => {
  it('says true once per id', () => {
    const seen = new RecentKeys(5000);
    expect([seen.firstTime('Ev1'), seen.firstTime('Ev1'), seen.firstTime('Ev2')]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('keeps a bounded number of ids, forgetting the oldest', () => {
    const seen = new RecentKeys(3);
    for (const id of ['a', 'b', 'c', 'd']) seen.firstTime(id);
    expect(seen.size).toBe(3);
    expect(seen.firstTime('d')).toBe(false);
    expect(seen.firstTime('a')).toBe(true);
  });
});

describe('the Slack app manifests', () => {
  type Manifest = {
    features: { slash_commands: { command: string; url?: string }[]; app_home: Record<string, boolean> };
    oauth_config: { scopes: { bot: string[] } };
    settings: {
      event_subscriptions: { bot_events: string[]; request_url?: string };
      interactivity: { is_enabled: boolean; request_url?: string };
      socket_mode_enabled: boolean;
    };
    display_information: { name: string; long_description: string };
  };
  const load = (name: string) =>
    parseYaml(readFileSync(new URL(`../../adapters/slack/${name}`, import.meta.url), 'utf8')) as Manifest;
  const socket = load('manifest.yml');
  const http = load('manifest-http.yml');

  it('asks for exactly the scopes the features need (history of channels for automatic answers)', () => {
    for (const m of [socket, http])
      expect(m.oauth_config.scopes.bot.sort()).toEqual([
        'app_mentions:read',
        'channels:history',
        'chat:write',
        'commands',
        'groups:history',
        'im:history',
      ]);
  });

  it('subscribes to mentions, channel posts, direct messages and the Home tab, with interactivity on', () => {
    for (const m of [socket, http]) {
      expect(m.settings.event_subscriptions.bot_events.sort()).toEqual([
        'app_home_opened',
        'app_mention',
        'message.channels',
        'message.groups',
        'message.im',
      ]);
      expect(m.settings.interactivity.is_enabled).toBe(true);
      expect(m.features.app_home).toEqual({
        home_tab_enabled: true,
        messages_tab_enabled: true,
        messages_tab_read_only_enabled: false,
      });
    }
  });

  it('declares the default slash command', () => {
    const command = readServerConfig({}).slack.command;
    for (const m of [socket, http])
      expect(m.features.slash_commands.map((c) => c.command)).toEqual([command]);
  });

  it('Socket Mode by default; the HTTP variant points every URL at /slack/events', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(http.settings.socket_mode_enabled).toBe(false);
    const urls = [
      http.features.slash_commands[0]?.url,
      http.settings.event_subscriptions.request_url,
      http.settings.interactivity.request_url,
    ];
    expect(urls).toEqual(Array(3).fill('https://YOUR-BERTH-HOST/slack/events'));
    expect(JSON.stringify(socket)).not.toContain('YOUR-BERTH-HOST');
  });

  it('has a long description Slack accepts (175 to 4,000 characters)', () => {
    const { length } = socket.display_information.long_description;
    expect(length).toBeGreaterThanOrEqual(175);
    expect(length).toBeLessThanOrEqual(4000);
  });
});
