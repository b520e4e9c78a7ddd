import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSince, reportCommand } from '../../src/cli/report.ts';
import { BUILTIN_KNOWLEDGE_DIR, readCoreConfig } from '../../src/config.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import type { KnowledgeBase } from '../../src/knowledge/types.ts';
import { openRecordingDatabase } from '../../src/recording/database.ts';
import { hashUser } from '../../src/recording/privacy.ts';
import { groupSimilar } from '../../src/report/cluster.ts';
import { reportHtml } from '../../src/report/html.ts';
import { type Records, readRecords } from '../../src/report/records.ts';
import { buildReport, type Report } from '../../src/report/report.ts';
import { reportText } from '../../src/report/text.ts';
import { Analyzer } from '../../src/text/analyzer.ts';
import { tempDir } from './knowledge-helpers.ts';
import { SEED_NOW, SEED_SALT, SEED_USERS, seedRecordings } from './recording-seed.ts';

const root = path.resolve(import.meta.dirname, '../..');
const WEEK_MS = 7 * 24 * 3_600_000;

let kb: KnowledgeBase;
let report: Report;

beforeAll(async () => {
  kb = loadKnowledgeOrThrow([BUILTIN_KNOWLEDGE_DIR]);
  const file = path.join(tempDir('berth-report-'), 'berth.db');
  await seedRecordings(file);
  const db = openRecordingDatabase(file, { mustExist: true });
  const since = new Date(SEED_NOW - WEEK_MS);
  const until = new Date(SEED_NOW);
  // A week of a small trial: one person is enough to suggest a phrasing or list an entry.
  report = buildReport(readRecords(db, since, until), kb, { since, until, cwd: root, minUsers: 1 });
  db.close();
});

describe('berth report on a seeded week (a trial: --min-users 1)', () => {
  it('counts outcomes, with rates over container questions (small talk left out)', () => {
    expect(report.totals).toMatchObject({
      questions: 19,
      answer: 6,
      clarify: 3,
      fallback: 9,
      smalltalk: 1,
      answerRate: 0.333,
      clarifyRate: 0.167,
      fallbackRate: 0.5,
      feedback: { helpful: 2, notHelpful: 2 },
      channels: { web: 19 },
    });
  });

  it('gives rates per UTC day, days without questions included', () => {
    expect(report.days.map((d) => d.day)).toEqual([
      '2024-05-01',
      '2024-05-02',
      '2024-05-03',
      '2024-05-04',
      '2024-05-05',
      '2024-05-06',
      '2024-05-07',
      '2024-05-08',
    ]);
    const byDay = Object.fromEntries(report.days.map((d) => [d.day, d]));
    expect(byDay['2024-05-03']).toMatchObject({ questions: 0, answerRate: null });
    expect(byDay['2024-05-06']).toMatchObject({ questions: 6, answer: 1, fallback: 4, answerRate: 0.2 });
    expect(byDay['2024-05-07']).toMatchObject({ answer: 3, clarify: 2, fallback: 4, clarifyRate: 0.222 });
    expect(byDay['2024-05-08']).toMatchObject({ answer: 2, clarify: 1, fallback: 1, answerRate: 0.5 });
  });

  it('groups unanswered questions (and unpicked "did you mean") by similarity, with counts', () => {
    expect(report.unanswered.withoutText).toBe(0);
    expect(report.unanswered.groups).toEqual([
      {
        label: 'how do I rotate registry credentials',
        count: 5,
        phrasings: [
          { text: 'how do I rotate registry credentials', count: 2 },
          { text: 'how to rotate credentials for our registry', count: 1 },
          { text: 'rotate registry creds', count: 1 },
          { text: 'rotate the registry credentials', count: 1 },
        ],
      },
      {
        label: 'is podman supported on the build farm',
        count: 2,
        phrasings: [
          { text: 'is podman supported on the build farm', count: 1 },
          { text: 'podman on the build farm?', count: 1 },
        ],
      },
      { label: 'container keeps getting oom killed', count: 1, phrasings: [expect.anything()] },
      { label: 'why does my pod restart', count: 1, phrasings: [expect.anything()] },
      { label: 'why is [token] rejected by the registry', count: 1, phrasings: [expect.anything()] },
    ]);
  });

  it('suggests the wordings people used before picking or rephrasing, as YAML for the right file', () => {
    expect(report.suggestions).toEqual([
      {
        id: 'copy-vs-add',
        title: 'What is the difference between COPY and ADD?',
        file: 'knowledge/dockerfile/copy-vs-add.md',
        phrasings: [{ text: 'copy or add for my tarball', count: 1, users: 1, via: ['did-you-mean'] }],
        yaml: '  - "copy or add for my tarball"',
      },
      {
        id: 'memory-limit',
        title: "How do I limit a container's memory?",
        file: 'knowledge/running/memory-limit.md',
        phrasings: [{ text: 'container keeps getting oom killed', count: 1, users: 1, via: ['rephrased'] }],
        yaml: '  - "container keeps getting oom killed"',
      },
    ]);
  });

  it('never suggests a wording the entry already has, a late answer, or redacted text', () => {
    const all = report.suggestions.flatMap((s) => s.phrasings.map((p) => p.text));
    expect(all).not.toContain('copy vs add dockerfile'); // already a question of copy-vs-add
    expect(all).not.toContain('why does my pod restart'); // answered 10 minutes later: not a rephrasing
    expect(all.join(' ')).not.toMatch(/token|rejected/);
  });

  it('lists entries with poor feedback and their comments (redacted), newest first', () => {
    expect(report.poorFeedback).toEqual([
      {
        id: 'what-is-a-cgroup',
        title: 'What is a cgroup?',
        file: 'knowledge/linux-internals/what-is-a-cgroup.md',
        helpful: 1,
        notHelpful: 2,
        users: 2,
        comments: ['too long; mail me at [email]', 'I wanted the difference between cgroup v1 and v2'],
      },
    ]);
  });

  it('ranks the most asked entries, answered and picked', () => {
    expect(report.topEntries.slice(0, 3)).toEqual([
      { id: 'what-is-a-cgroup', title: 'What is a cgroup?', answered: 3, picked: 0 },
      { id: 'copy-vs-add', title: 'What is the difference between COPY and ADD?', answered: 0, picked: 2 },
      {
        id: 'compose-depends-on-healthcheck',
        title: expect.any(String),
        answered: 1,
        picked: 0,
      },
    ]);
  });

  it('shows no user ids, raw or hashed, in any format', () => {
    const outputs = [JSON.stringify(report), reportText(report), reportHtml(report)];
    const hashes = SEED_USERS.flatMap((u) => ['web', 'slack'].map((c) => hashUser(SEED_SALT, c, u) ?? ''));
    for (const output of outputs) {
      for (const hash of hashes) expect(output).not.toContain(hash);
      expect(output).not.toContain('U0SLACKUSER');
      expect(output).not.toMatch(/asker/i);
    }
  });

  it('prints the text format a knowledge owner reads', () => {
    const text = reportText(report);
    expect(text).toContain('Questions: 19 (1 small talk). Answered 33%, "did you mean" 17%, no answer 50%.');
    expect(text).toContain('    5  how do I rotate registry credentials\n');
    expect(text).toContain('knowledge/running/memory-limit.md');
    expect(text).toContain('\n  - "container keeps getting oom killed"\n');
    expect(text).toContain('"I wanted the difference between cgroup v1 and v2"');
  });

  it('shows a right-to-left override in a comment or a question escaped, not applied', () => {
    const [poor] = report.poorFeedback;
    const [group] = report.unanswered.groups;
    const tampered: Report = {
      ...report,
      poorFeedback: [{ ...poor!, comments: ['\u202Eyek hss repoleved'] }],
      unanswered: { ...report.unanswered, groups: [{ ...group!, label: 'rotate \u2066creds\u2069' }] },
    };
    const text = reportText(tampered);
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(text).toContain('"\\u202Eyek hss repoleved"');
    expect(text).toContain('rotate \\u2066creds\\u2069');
  });

  it('writes one self-contained HTML file: charts inline, no script, no external resource', () => {
    const html = reportHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html.match(/<g class="day"/g)).toHaveLength(8);
    expect(html).toContain('&quot;copy or add for my tarball&quot;');
  });
});

describe('one person cannot write the report', () => {
  const DAY = Date.parse('2024-05-07T09:00:00Z');
  const window = { since: new Date(DAY - WEEK_MS), until: new Date(DAY + WEEK_MS), cwd: root };
  const none: Records = { questions: [], feedback: [], choices: [] };
  const pick = (asker: string, i = 0) => ({
    at: DAY + i * 1000,
    asker,
    question: 'spam question',
    entryId: 'copy-vs-add',
  });
  const vote = (asker: string, helpful: boolean, at = DAY, comment: string | null = null) => ({
    at,
    asker,
    entryId: 'what-is-a-cgroup',
    helpful,
    comment,
  });

  it('suggests no phrasing thirty identical picks by one person made, nor one two people used', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => pick('h-spammer', i));
    expect(buildReport({ ...none, choices: thirty }, kb, window).suggestions).toEqual([]);
    const two = [pick('h-ana'), pick('h-ben'), pick('h-ana', 5)];
    expect(buildReport({ ...none, choices: two }, kb, window).suggestions).toEqual([]);
  });

  it('suggests a phrasing three people used, and says how many people and how many times', () => {
    const choices = [pick('h-ana'), pick('h-ben', 1), pick('h-cy', 2), pick('h-cy', 3)];
    const found = buildReport({ ...none, choices }, kb, window);
    expect(found.suggestions.map((s) => [s.id, s.phrasings])).toEqual([
      ['copy-vs-add', [{ text: 'spam question', count: 4, users: 3, via: ['did-you-mean'] }]],
    ]);
    expect(reportText(found)).toContain(
      '(What is the difference between COPY and ADD?; seen 4x did-you-mean by 3 people)',
    );
    expect(reportText(found)).toContain('each used by at least 3 people');
    expect(reportHtml(found)).toContain('4× did-you-mean by 3 people');
  });

  it('counts thirty-one thumbs-down by one person on one day once, and lists no poor feedback for it', () => {
    const feedback = Array.from({ length: 31 }, (_, i) => vote('h-spammer', false, DAY + i, `bad ${i}`));
    const found = buildReport({ ...none, feedback }, kb, window);
    expect(found.totals.feedback).toEqual({ helpful: 0, notHelpful: 1 });
    expect(found.poorFeedback).toEqual([]);
  });

  it("counts a person's last vote of the day on an entry, and a new day's vote again", () => {
    const changedMind = [vote('h-ana', true), vote('h-ana', false, DAY + 60_000)];
    expect(buildReport({ ...none, feedback: changedMind }, kb, window).totals.feedback).toEqual({
      helpful: 0,
      notHelpful: 1,
    });
    const nextDay = [vote('h-ana', false), vote('h-ana', false, DAY + 24 * 3_600_000)];
    expect(buildReport({ ...none, feedback: nextDay }, kb, window).totals.feedback.notHelpful).toBe(2);
  });

  it('lists an entry three people found not helpful, with how many people and the comments kept', () => {
    const feedback = [
      vote('h-ana', false, DAY, 'first try'),
      vote('h-ana', false, DAY + 1, 'wanted v2'),
      vote('h-ben', false, DAY + 2),
      vote('h-cy', false, DAY + 3, 'too long'),
      vote('h-dee', true, DAY + 4),
    ];
    const found = buildReport({ ...none, feedback }, kb, window);
    expect(found.poorFeedback).toEqual([
      expect.objectContaining({
        id: 'what-is-a-cgroup',
        notHelpful: 3,
        users: 3,
        helpful: 1,
        comments: ['too long', 'wanted v2'],
      }),
    ]);
    expect(reportText(found)).toContain('[what-is-a-cgroup]: 3 not helpful (3 people), 1 helpful');
  });
});

describe('grouping by similarity', () => {
  const analyzer = new Analyzer(new Map([['k8s', 'kubernetes']]));

  it('puts rewordings and synonyms together and unrelated questions apart, deterministically', () => {
    const texts = [
      'what is tini',
      'k8s ingress controller',
      'kubernetes ingress controller setup',
      'how to limit ram',
      'limit ram of a container',
    ];
    const groups = groupSimilar(texts, analyzer);
    expect(groups.map((g) => [g.label, g.count])).toEqual([
      ['how to limit ram', 2],
      ['k8s ingress controller', 2],
      ['what is tini', 1],
    ]);
    expect(groupSimilar([...texts].reverse(), analyzer).map((g) => g.label)).toEqual(
      groups.map((g) => g.label),
    );
  });

  it('keeps questions made only of stop words apart unless identical', () => {
    const groups = groupSimilar(['how do I do that', 'How do I do that?', 'what is it'], analyzer);
    expect(groups.map((g) => g.count)).toEqual([2, 1]);
  });
});

describe('the berth report command', () => {
  async function run(args: string[], recordingDb = '/nonexistent/berth.db') {
    let stdout = '';
    let stderr = '';
    const io = {
      stdin: process.stdin,
      stdout: Object.assign(new PassThrough(), { isTTY: false }),
      stderr: new PassThrough(),
    };
    io.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    io.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const config = readCoreConfig({ RECORDING_DB: recordingDb }, root);
    const code = await reportCommand(config, args, io, { now: () => SEED_NOW, cwd: root });
    return { code, stdout: () => stdout, stderr: () => stderr };
  }

  it('explains what to do when nothing was recorded yet', async () => {
    const result = await run([]);
    await Promise.resolve();
    expect(result.code).toBe(1);
    expect(result.stderr()).toMatch(/no recordings at \/nonexistent\/berth.db: start Berth \(npm start\)/);
  });

  it('names the file when it is not a recording database', async () => {
    const file = path.join(tempDir('berth-report-cli-'), 'not-a.db');
    writeFileSync(file, 'just some text, not SQLite at all'.repeat(40));
    const result = await run([], file);
    await Promise.resolve();
    expect(result.code).toBe(1);
    expect(result.stderr()).toMatch(/^berth report: cannot read .*not-a\.db: file is not a database/);
  });

  it('refuses a malformed --since or --format with the usage line', async () => {
    expect((await run(['--since', 'last week'])).code).toBe(2);
    expect((await run(['--format', 'pdf'])).code).toBe(2);
    expect((await run(['--min-users', '0'])).code).toBe(2);
    expect((await run(['--min-users', 'three'])).code).toBe(2);
  });

  it('reads --since in hours, days, weeks or as a date', () => {
    const until = new Date(SEED_NOW);
    expect(parseSince('24h', until)?.toISOString()).toBe('2024-05-07T12:00:00.000Z');
    expect(parseSince('7d', until)?.toISOString()).toBe('2024-05-01T12:00:00.000Z');
    expect(parseSince('2w', until)?.toISOString()).toBe('2024-04-24T12:00:00.000Z');
    expect(parseSince('2024-05-06', until)?.toISOString()).toBe('2024-05-06T00:00:00.000Z');
    expect(parseSince('2024-06-01', until)).toBeUndefined();
  });

  it('prints JSON with --format json, reading the database named by RECORDING_DB', async () => {
    const file = path.join(tempDir('berth-report-cli-'), 'berth.db');
    await seedRecordings(file);
    const result = await run(['--since', '2024-05-07', '--format', 'json', '--min-users', '1'], file);
    expect(result.code).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    const json = JSON.parse(result.stdout()) as Report;
    expect(json.totals.questions).toBe(13);
    expect(json.suggestions.map((s) => s.id)).toEqual(['copy-vs-add', 'memory-limit']);
  });
});

describe('the report on knowledge freshness', () => {
  it('counts the entries due for review and names the oldest, in text and HTML', () => {
    const mini = loadKnowledgeOrThrow([path.join(root, 'tests/fixtures/knowledge-mini')]);
    const empty: Parameters<typeof buildReport>[0] = { questions: [], choices: [], feedback: [] };
    const report = buildReport(empty, mini, {
      since: new Date('2026-11-01T00:00:00Z'),
      until: new Date('2026-12-01T00:00:00Z'),
      cwd: path.join(root, 'tests/fixtures/knowledge-mini'),
    });
    expect(report.review).toEqual({
      due: 1,
      of: 3,
      months: 12,
      oldest: [{ id: 'what-is-a-namespace', file: 'basics/what-is-a-namespace.md', reviewed: '2025-06-01' }],
    });
    expect(reportText(report)).toContain('  1 of 3 entries are due (berth check --stale 12m lists them)');
    expect(reportHtml(report)).toContain('1 of 3 entries have not been reviewed in 12 months');
  });
});
