import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_ID, KNOWN_QUESTION, OFF_TOPIC_QUESTION, startTestServer, type TestServer } from './harness.ts';
import { RecordingDb } from './recording-db.ts';
import { WebVisitor } from './web-visitor.ts';

const root = path.resolve(import.meta.dirname, '../..');
const COMMENT = 'I wanted cgroup v2 limits; reach me at jane@corp.example';

const recording = new RecordingDb();
let visitorId: string;
let server: TestServer | undefined;

/** One person uses the real web chat over HTTP; the server records into a real SQLite file. */
beforeAll(async () => {
  server = await startTestServer({}, { recorder: recording.tap });
  const visitor = new WebVisitor(server.url);
  const page = await visitor.open();
  visitorId = /berth_visitor=([^;]+)/.exec(page.headers.getSetCookie().join('\n'))?.[1] ?? '';
  expect((await visitor.ask(KNOWN_QUESTION)).body).toMatchObject({ outcome: 'answer' });
  expect((await visitor.feedback(KNOWN_ID, false, COMMENT)).status).toBe(200);
  expect((await visitor.ask(OFF_TOPIC_QUESTION)).body).toMatchObject({ outcome: 'fallback' });
  await server.stop(); // flushes the recorder
  recording.recorder.close();
});

afterAll(() => server?.stop());

describe('recording from the web chat', () => {
  it('stores the question with its outcome, entry and conversation', () => {
    expect(
      recording.rows('SELECT channel, conversation, question, outcome, entry_id FROM questions ORDER BY id'),
    ).toEqual([
      {
        channel: 'web',
        conversation: 'web',
        question: KNOWN_QUESTION,
        outcome: 'answer',
        entry_id: KNOWN_ID,
      },
      {
        channel: 'web',
        conversation: 'web',
        question: OFF_TOPIC_QUESTION,
        outcome: 'fallback',
        entry_id: null,
      },
    ]);
  });

  it('stores the feedback click with its comment, redacted', () => {
    expect(recording.rows('SELECT channel, entry_id, helpful, comment FROM feedback')).toEqual([
      {
        channel: 'web',
        entry_id: KNOWN_ID,
        helpful: 0,
        comment: 'I wanted cgroup v2 limits; reach me at [email]',
      },
    ]);
  });

  it('knows the visitor only by a salted hash of the cookie id', () => {
    expect(visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const askers = recording.rows('SELECT asker FROM questions UNION SELECT asker FROM feedback');
    expect(askers).toEqual([{ asker: recording.askerOf('web', `v:${visitorId}`) }]);
    expect(recording.bytes()).not.toContain(visitorId);
    expect(recording.bytes()).not.toContain('jane@corp.example');
  });

  it('`berth report` then shows what was asked, and no visitor id', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'bin/berth.js'), 'report', '--since', '1d', '--min-users', '1'],
      {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, RECORDING_DB: recording.file },
        timeout: 60_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'Questions: 2 (0 small talk). Answered 50%, "did you mean" 0%, no answer 50%.',
    );
    expect(result.stdout).toContain('What is a cgroup? [what-is-a-cgroup] (1 answered, 0 picked)');
    expect(result.stdout).toContain(`    1  ${OFF_TOPIC_QUESTION}`);
    expect(result.stdout).toContain('"I wanted cgroup v2 limits; reach me at [email]"');
    expect(result.stdout).not.toContain(visitorId);
  });
});
