import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_ID, KNOWN_QUESTION, startTestServer, type TestServer } from './harness.ts';
import { RecordingDb } from './recording-db.ts';
import { type ConnectorStandIn, postActivity, startConnector, teamsActivity } from './teams-connector.ts';

const recording = new RecordingDb();
const COMMENT = 'I wanted cgroup v1 vs v2, see https://ada:pa55word@wiki.corp.example/cgroups';
const PERSON = {
  id: '29:1q2w3e4r5t6y7u8i9o0pAbCdEfGhIjKlMnOpQrStUvWxYz',
  aad: '6e8b3c1d-4f2a-4b7e-9c5d-2a1f0e9d8c7b',
};
let server: TestServer | undefined;
let connector: ConnectorStandIn | undefined;

/** One person in a Teams personal chat (local trial mode): a question, then "Not helpful" with a note. */
beforeAll(async () => {
  connector = await startConnector();
  server = await startTestServer({}, { recorder: recording.tap });
  const question = teamsActivity('personal-message', connector.url, { text: KNOWN_QUESTION });
  expect((await postActivity(server.url, question)).status).toBe(200);
  const feedback = teamsActivity('card-feedback', connector.url, {
    value: { berth: 'feedback', entryId: KNOWN_ID, helpful: false, comment: COMMENT },
  });
  expect((await postActivity(server.url, feedback)).status).toBe(200);
  expect(connector.replies.map((r) => r.body.text)).toContain('Thanks for the feedback!');
  await server.stop();
  recording.recorder.close();
});

afterAll(async () => {
  await server?.stop();
  await connector?.close();
});

describe('recording from Teams', () => {
  it('stores the personal-chat question with its outcome and entry', () => {
    expect(
      recording.rows('SELECT channel, conversation, question, outcome, entry_id FROM questions'),
    ).toEqual([
      {
        channel: 'teams',
        conversation: 'dm',
        question: KNOWN_QUESTION,
        outcome: 'answer',
        entry_id: KNOWN_ID,
      },
    ]);
  });

  it('stores the card feedback with its comment, redacted', () => {
    expect(recording.rows('SELECT channel, entry_id, helpful, comment FROM feedback')).toEqual([
      {
        channel: 'teams',
        entry_id: KNOWN_ID,
        helpful: 0,
        comment: 'I wanted cgroup v1 vs v2, see https://[credentials]@wiki.corp.example/cgroups',
      },
    ]);
  });

  it('stores the Teams user only as a salted hash', () => {
    const askers = recording.rows('SELECT asker FROM questions UNION SELECT asker FROM feedback');
    expect(askers).toEqual([{ asker: recording.askerOf('teams', PERSON.aad) }]);
    const bytes = recording.bytes();
    for (const raw of [PERSON.id, PERSON.aad, 'Ada Lovelace', 'pa55word']) expect(bytes).not.toContain(raw);
  });
});
