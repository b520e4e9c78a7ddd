import { SLACK_EVENTS_PATH } from '../../adapters/slack/slack-app.ts';
import { TEAMS_ROUTE } from '../../adapters/teams/channel.ts';
import { eventPayload, slackFixture, slackSignature } from '../../tests/e2e/slack-requests.ts';
import { BOT } from '../../tests/e2e/slack-stand-in.ts';
import { teamsActivity } from '../../tests/e2e/teams-connector.ts';

export type ChannelKey = 'slack-event' | 'slack-command' | 'teams' | 'web';

export const CHANNELS: readonly { key: ChannelKey; label: string; reply: string }[] = [
  { key: 'slack-event', label: 'Slack event (signed app_mention)', reply: 'chat.postMessage after the ack' },
  {
    key: 'slack-command',
    label: 'Slack slash command (signed)',
    reply: 'POST to response_url after the ack',
  },
  { key: 'teams', label: 'Teams activity (local mode)', reply: 'connector reply before the ack' },
  { key: 'web', label: 'Web chat POST /api/ask', reply: 'the response itself' },
];

/** One request a load generator sends, and the key its reply will carry at the stand-in. */
export interface BenchRequest {
  key: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Target {
  /** The Slack stand-in (response_urls point at it). */
  slackUrl: string;
  /** The Bot Framework connector stand-in: the activities' serviceUrl. */
  teamsServiceUrl: string;
  /** Questions asked in turn. */
  questions: readonly string[];
  /** Distinguishes the runs, so a late reply from one run is never counted in the next. */
  run: number;
}

/** Askers rotate through this many ids, so the per-user rate limit (raised anyway) never bites. */
const USERS = 100;

/**
 * A function making the n-th request of a run for `channel`: a fresh id each time (so de-duplication
 * never drops one), signed like Slack signs when it is Slack. Fixtures are read once, here.
 */
export function requestMaker(channel: ChannelKey, target: Target): (n: number) => BenchRequest {
  const question = (n: number) => target.questions[n % target.questions.length] ?? 'what is a cgroup';
  const slack = (key: string, body: string, type: string): BenchRequest => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': type,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(body, timestamp),
    };
    return { key, path: SLACK_EVENTS_PATH, headers, body };
  };
  switch (channel) {
    case 'slack-event': {
      const template = eventPayload('event-app-mention');
      return (n) => {
        const ts = `${1_700_000_000 + target.run}.${String(n).padStart(6, '0')}`;
        const text = `<@${BOT.userId}> ${question(n)}`;
        const event = { ...template.event, ts, event_ts: ts, user: `U0BENCH${n % USERS}`, text };
        const payload = { ...template, event_id: `EvBENCH${target.run}X${n}`, event };
        return slack(ts, JSON.stringify(payload), 'application/json');
      };
    }
    case 'slack-command': {
      const template = slackFixture('command-berth') as Record<string, string>;
      return (n) => {
        const key = `bench-${target.run}-${n}`;
        const fields = {
          ...template,
          text: question(n),
          user_id: `U0BENCH${n % USERS}`,
          response_url: `${target.slackUrl}/response/${key}`,
        };
        return slack(key, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
      };
    }
    case 'teams': {
      const template = teamsActivity('personal-message', target.teamsServiceUrl);
      return (n) => {
        const key = `bench-${target.run}-${n}`;
        const from = { id: `29:bench-user-${n % USERS}`, name: 'Bench', aadObjectId: `bench-${n % USERS}` };
        const body = JSON.stringify({ ...template, id: key, text: question(n), from });
        return { key, path: TEAMS_ROUTE, headers: { 'content-type': 'application/json' }, body };
      };
    }
    case 'web':
      return (n) => {
        const visitor = `bench${n % USERS}`.padEnd(22, 'x');
        const headers = { 'content-type': 'application/json', cookie: `berth_visitor=${visitor}` };
        return { key: `web-${n}`, path: '/api/ask', headers, body: JSON.stringify({ text: question(n) }) };
      };
  }
}
