import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_ID, KNOWN_QUESTION, startTestServer, type TestServer } from './harness.ts';
import { RecordingDb } from './recording-db.ts';
import { eventPayload, SLACK_SECRETS, SlackSender, slackFixture } from './slack-requests.ts';
import { SlackStandIn, until } from './slack-stand-in.ts';

type Json = Record<string, unknown>;

const recording = new RecordingDb();
const COMMENT = 'the v2 limits; my token is xoxp-1234567890-secretvalue';
const ASKER = 'U0ASKER1';
let standIn: SlackStandIn | undefined;
let server: TestServer | undefined;

/** One person in Slack: a DM question, then "Not helpful" with a note, over signed HTTP. */
beforeAll(async () => {
  standIn = await SlackStandIn.start();
  server = await startTestServer(
    {
      SLACK_BOT_TOKEN: SLACK_SECRETS.botToken,
      SLACK_SIGNING_SECRET: SLACK_SECRETS.signingSecret,
      SLACK_API_URL: standIn.apiUrl,
    },
    { recorder: recording.tap },
  );
  const slack = new SlackSender(`${server.url}/slack/events`);
  const running = server;

  const question = eventPayload('event-message-im', { text: KNOWN_QUESTION, user: ASKER });
  expect((await slack.event(question)).status).toBe(200);
  await until(() =>
    running.logs.find((l) => l.msg === 'slack: event handled' && l.eventId === question.event_id),
  );

  const click = slackFixture('action-feedback-in-dm');
  expect((await slack.interaction(click)).status).toBe(200);
  const opened = await until(
    () => standIn?.accepted('views.open', (b) => b.trigger_id === click.trigger_id)[0],
  );
  const submission = slackFixture('view-submission-feedback');
  const view = submission.view as Json;
  const state = { values: { comment: { comment: { type: 'plain_text_input', value: COMMENT } } } };
  submission.view = { ...view, private_metadata: (opened.body.view as Json).private_metadata, state };
  expect((await slack.interaction(submission)).status).toBe(200);
  await until(() => recording.received >= 2);
  await server.stop();
  recording.recorder.close();
});

afterAll(async () => {
  await server?.stop();
  await standIn?.stop();
});

describe('recording from Slack', () => {
  it('stores the DM question with its outcome and entry', () => {
    expect(
      recording.rows('SELECT channel, conversation, question, outcome, entry_id FROM questions'),
    ).toEqual([
      {
        channel: 'slack',
        conversation: 'dm',
        question: KNOWN_QUESTION,
        outcome: 'answer',
        entry_id: KNOWN_ID,
      },
    ]);
  });

  it('stores "Not helpful" once, with the note from the form, redacted', () => {
    expect(recording.rows('SELECT channel, conversation, entry_id, helpful, comment FROM feedback')).toEqual([
      {
        channel: 'slack',
        conversation: 'dm',
        entry_id: KNOWN_ID,
        helpful: 0,
        comment: 'the v2 limits; my token is [token]',
      },
    ]);
  });

  it('stores the Slack user only as a salted hash, and no Slack credential', () => {
    const askers = recording.rows('SELECT asker FROM questions UNION SELECT asker FROM feedback');
    expect(askers).toHaveLength(1);
    expect(askers[0]?.asker).toMatch(/^[0-9a-f]{32}$/);
    const bytes = recording.bytes();
    for (const secret of [
      ASKER,
      SLACK_SECRETS.botToken,
      SLACK_SECRETS.signingSecret,
      'xoxp-1234567890-secretvalue',
    ])
      expect(bytes).not.toContain(secret);
  });
});
