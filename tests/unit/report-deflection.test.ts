import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqliteAutoAnswerStore } from '../../src/auto-answer/sqlite-store.ts';
import type { SeenPost } from '../../src/auto-answer/store.ts';
import type { Verdict } from '../../src/auto-answer/types.ts';
import { reportCommand } from '../../src/cli/report.ts';
import { readCoreConfig } from '../../src/config.ts';
import { deflectionOf, weekOf } from '../../src/report/deflection.ts';
import { tempDir } from './knowledge-helpers.ts';

// `berth report` on two weeks of a watched channel, written through the store Berth uses.

const NOW = Date.parse('2024-05-15T12:00:00Z');
const DAY_MS = 24 * 3_600_000;
const root = path.resolve(import.meta.dirname, '../..');

/** Days before NOW, and what happened: answered (with a verdict or none), or why not. */
const SEEN: [number, SeenPost['outcome'], Verdict | null][] = [
  [9, 'answered', 'solved'],
  [9, 'answered', 'human'],
  [9, 'not-sure', null],
  [8, 'not-a-question', null],
  [2, 'answered', 'solved'],
  [2, 'answered', 'solved'],
  [2, 'answered', null],
  [1, 'person-replied-first', null],
  [1, 'quiet-hours', null],
  [40, 'answered', 'solved'], // before the period
];

let file: string;
beforeAll(async () => {
  file = path.join(tempDir('berth-deflection-'), 'berth.db');
  const store = SqliteAutoAnswerStore.open({ file, textMode: 'redacted', retentionDays: 90, now: () => NOW });
  for (const [i, [daysAgo, outcome, verdict]] of SEEN.entries()) {
    const at = new Date(NOW - daysAgo * DAY_MS);
    const ref = { channel: 'chat', place: 'C0HELP01', thread: `t${i}` };
    const answering = outcome === 'answered';
    await store.claim({
      ...ref,
      at,
      text: 'how do I limit memory?',
      outcome: answering ? 'answering' : outcome,
      entryId: answering ? 'memory-limit' : null,
      confidence: 0.9,
    });
    if (answering) await store.settle(ref, 'answered', 'how do I limit memory?');
    if (verdict) await store.verdict(ref, verdict, at);
  }
  await store.close();
});

async function report(format: string): Promise<string> {
  const stdout = new PassThrough();
  const io = { stdin: process.stdin, stdout, stderr: new PassThrough() };
  const code = await reportCommand(
    readCoreConfig({}, root),
    ['--db', file, '--since', '14d', '--format', format],
    io,
    {
      now: () => NOW,
      cwd: root,
    },
  );
  expect(code).toBe(0);
  return String(stdout.read() ?? '');
}

describe('berth report: automatic answers in watched channels', () => {
  it('counts posts seen, answered, solved and handed to a human, and estimates precision from the verdicts', async () => {
    const { deflection } = JSON.parse(await report('json')) as {
      deflection: ReturnType<typeof deflectionOf>;
    };
    expect(deflection).toMatchObject({
      posts: 9,
      answered: 5,
      solved: 3,
      handedOff: 1,
      repliedFirst: 1,
      precision: 0.75,
    });
    expect(deflection.weeks).toEqual([
      { week: '2024-04-29', posts: 0, answered: 0, solved: 0, handedOff: 0 },
      { week: '2024-05-06', posts: 4, answered: 2, solved: 1, handedOff: 1 },
      { week: '2024-05-13', posts: 5, answered: 3, solved: 2, handedOff: 0 },
    ]);
  });

  it('says so in text, a line per week', async () => {
    const text = await report('text');
    expect(text).toContain(
      'Posts seen: 9. Answered automatically: 5 (56%). Marked solved: 3. Handed to a human: 1.',
    );
    expect(text).toContain('Precision estimated from feedback: 75% (3 solved of 4 answers with feedback).');
    expect(text).toMatch(/2024-05-06 +4 +2 +1 +1\n/);
  });

  it('charts it per week in the HTML report', async () => {
    const html = await report('html');
    const section = html.slice(html.indexOf('<section id="deflection">'));
    expect(section.match(/<g class="week"/g)).toHaveLength(3);
    expect(section).toContain(
      'week of 2024-05-13: 5 posts, 3 answered automatically, 2 solved, 0 handed to a human',
    );
  });

  it('has nothing to say without watched channels, and weeks start on Monday (UTC)', () => {
    const none = deflectionOf([], new Date(NOW - 7 * DAY_MS), new Date(NOW));
    expect(none).toMatchObject({ posts: 0, precision: null });
    expect([weekOf(Date.parse('2024-05-12T23:59:00Z')), weekOf(Date.parse('2024-05-13T00:00:00Z'))]).toEqual([
      '2024-05-06',
      '2024-05-13',
    ]);
  });
});
