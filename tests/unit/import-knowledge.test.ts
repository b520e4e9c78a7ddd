import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toMrkdwn } from '../../adapters/slack/mrkdwn.ts';
import { Answerer } from '../../src/answer/answerer.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { loadKnowledge } from '../../src/knowledge/knowledge-base.ts';
import { errorsOf, formatProblem } from '../../src/knowledge/problems.ts';
import { berthExport, berthImport, FIXTURES, filesUnder, IMPORT_DATE } from './import-helpers.ts';
import { tempDir, writeFiles } from './knowledge-helpers.ts';

const HEADER = 'Question\tAnswer\tSource\tMetadata\tSuggestedQuestions\tIsContextOnly\tPrompts\tQnaId';
const row = (question: string, answer: string, qnaId: number, prompts = '[]') =>
  [question, answer, 'Editorial', 'team:platform', '[]', 'False', prompts, String(qnaId)].join('\t');

/** A 55-word answer with a link, so an entry meets every rule. */
const GOOD_ANSWER =
  'Open a ticket in the PLAT queue with the name, the owning team and its cost centre. The platform on-call engineer creates it within a working day and posts the kubeconfig in the ticket; see https://wiki.northwind.example/platform/sandboxes for what each sandbox may run and how long it is kept before it is cleaned up.';

describe('imported knowledge', () => {
  it.each([
    ['a QnA Maker TSV', 'platform-faq.tsv', 9],
    ['a UTF-16LE QnA Maker TSV with Windows line endings', 'build-farm-utf16.tsv', 3],
    ['a Rasa project', 'rasa', 3],
    ['a Markdown FAQ', 'wiki-faq.md', 5],
    ['a .qna file', 'support.qna', 3],
  ])('%s passes berth check and answers its own questions', async (_what, name, count) => {
    const out = tempDir('berth-import-');
    const { code, stdout } = await berthImport([path.join(FIXTURES, name), '--out', out, '--quiet']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${count} imported, 0 need attention`));
    const { knowledge, problems } = loadKnowledge([BUILTIN_KNOWLEDGE_DIR, out]);
    expect(errorsOf(problems).map(formatProblem)).toEqual([]);
    const berth = new Answerer(knowledge!);
    const imported = [...knowledge!.entries.values()].filter((e) => e.layer === 1);
    expect(imported).toHaveLength(count);
    const wrong: string[] = [];
    for (const entry of imported) {
      expect(entry.reviewed).toBe(IMPORT_DATE);
      for (const question of [entry.title, ...entry.questions]) {
        const reply = berth.answer(question);
        const got = reply.outcome === 'answer' ? reply.id : reply.outcome;
        if (got !== entry.id) wrong.push(`"${question}" -> ${got}, expected ${entry.id}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps multi-turn prompts, context-only ones included, as related entries Berth offers after the answer', async () => {
    const out = tempDir('berth-import-');
    await berthImport([path.join(FIXTURES, 'platform-faq.tsv'), '--out', out, '--topic', 'platform']);
    const berth = new Answerer(loadKnowledge([BUILTIN_KNOWLEDGE_DIR, out]).knowledge!);
    const reply = berth.answer('how do I get push access to our container registry');
    expect(reply.outcome).toBe('answer');
    if (reply.outcome !== 'answer') return;
    expect(reply.related.map((r) => r.title)).toEqual([
      'How do I push to the registry from a GitLab CI pipeline?',
      'What is a registry robot account?',
    ]);
    expect(reply.links).toEqual([
      { title: 'the access portal', url: 'https://access.northwind.example/groups' },
    ]);
  });
});

describe('import -> export -> import', () => {
  it('gives back the same entry files, and the same TSV on a second export', async () => {
    const first = tempDir('berth-import-');
    await berthImport([path.join(FIXTURES, 'platform-faq.tsv'), '--out', first, '--topic', 'platform']);
    const exported = await berthExport(['--format', 'qnamaker', first]);
    expect(exported.code).toBe(0);
    const tsv = path.join(tempDir('berth-export-'), 'kb.tsv');
    writeFileSync(tsv, exported.stdout);
    const second = tempDir('berth-import-');
    const again = await berthImport([tsv, '--out', second, '--topic', 'platform']);
    expect(again.code).toBe(0);
    expect(filesUnder(second)).toEqual(filesUnder(first));
    expect((await berthExport(['--format', 'qnamaker', second])).stdout).toBe(exported.stdout);
  });

  it('exports Berth entries with one row per question, tags as metadata and prompts for related entries', async () => {
    const first = tempDir('berth-import-');
    await berthImport([path.join(FIXTURES, 'support.qna'), '--out', first]);
    const { stdout } = await berthExport([first]);
    const rows = stdout.trimEnd().split('\n');
    expect(rows[0]).toBe(HEADER);
    const restart = rows.filter((r) => r.endsWith('\t1')).map((r) => r.split('\t'));
    expect(restart.map((cells) => cells[0])).toEqual([
      'How do I restart a deployment without downtime?',
      'rolling restart of a deployment',
      'restart pods one by one',
      'kubectl rollout restart',
    ]);
    const [, answer, source, metadata, suggested, contextOnly, prompts] = restart[0]!;
    expect(answer).toContain('readiness probe. Follow it with:\\n\\n```sh\\nkubectl rollout status');
    expect([source, metadata, suggested, contextOnly]).toEqual([
      'https://wiki.northwind.example/platform/support',
      'team:platform|tag:kubernetes',
      '[]',
      'False',
    ]);
    expect(JSON.parse(prompts!)).toEqual([
      { DisplayOrder: 1, QnaId: 2, DisplayText: 'How do I roll back a bad deployment?' },
      { DisplayOrder: 2, QnaId: 3, DisplayText: 'Why does my pod keep restarting after a deploy?' },
    ]);
  });

  it('appends links the answer does not hold, since QnA Maker keeps links only in answers', async () => {
    const { code, stdout } = await berthExport([
      path.join(import.meta.dirname, '../fixtures/knowledge-overlay'),
    ]);
    expect(code).toBe(0);
    const widget = stdout.split('\n').find((r) => r.startsWith('How do I frobnicate a widget?'))!;
    expect(widget.split('\t')[1]).toMatch(
      /\\n\\nFurther reading:\\n\\n- \[Example documentation\]\(https:\/\/example\.com\/widget\)$/,
    );
  });
});

describe('entries that cannot meet Berth rules', () => {
  it('are written anyway and reported file:line as berth check reports them', async () => {
    const dir = tempDir('berth-import-');
    const tsv = path.join(dir, 'faq.tsv');
    const long = `${'Kubernetes quotas explained in full detail, with every field of every object. '.repeat(48)}https://wiki.northwind.example/quotas`;
    writeFileSync(
      tsv,
      [
        HEADER,
        row('How do I request a sandbox cluster?', GOOD_ANSWER, 1),
        row('How are namespace quotas calculated?', long, 2),
        row('Who owns the legacy Swarm cluster?', '', 3),
      ].join('\n'),
    );
    const { code, stdout, stderr } = await berthImport([tsv, '--out', 'kb', '--quiet'], dir);
    expect(code).toBe(1);
    // In the order berth check reports them: a file that cannot be read, then the rules.
    expect(stderr).toBe(
      [
        'kb/faq/who-owns-the-legacy-swarm-cluster.md:7: missing answer: the Markdown body is empty',
        `kb/faq/how-are-namespace-quotas-calculated.md:10: answer is ${toMrkdwn(long).length} characters in Slack mrkdwn; one section holds at most 3000`,
        '',
      ].join('\n'),
    );
    expect(stdout.split('\n')[0]).toBe('3 imported, 2 need attention; 5 warning(s)');
    expect(existsSync(path.join(dir, 'kb/faq/who-owns-the-legacy-swarm-cluster.md'))).toBe(true);
  });

  it('never replaces a built-in entry by accident, and reports a question the built-in knowledge already asks', async () => {
    const dir = tempDir('berth-import-');
    const tsv = path.join(dir, 'faq.tsv');
    writeFileSync(
      tsv,
      [
        HEADER,
        row('How do I request a sandbox cluster?', GOOD_ANSWER, 1),
        row('What is a cgroup?', GOOD_ANSWER, 2),
      ].join('\n'),
    );
    const { code, stdout, stderr } = await berthImport([tsv, '--out', 'kb', '--quiet'], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^kb\/faq\/what-is-a-cgroup-2\.md:2: question "What is a cgroup\?" is also asked by "what-is-a-cgroup" \(.*\/what-is-a-cgroup\.md:2\); the matcher cannot tell them apart$/m,
    );
    expect(stdout).toMatch(/^2 imported, 1 need attention/);
  });
});

describe('existing entries', () => {
  const tsvWith = (dir: string, answer: string) => {
    const tsv = path.join(dir, 'faq.tsv');
    writeFileSync(tsv, [HEADER, row('How do I request a sandbox cluster?', answer, 1)].join('\n'));
    return tsv;
  };

  it('are never overwritten without --force, and nothing else is written either', async () => {
    const dir = tempDir('berth-import-');
    const out = path.join(dir, 'kb');
    writeFiles(out, { 'faq/how-do-i-request-a-sandbox-cluster.md': 'hand-edited\n' });
    const tsv = path.join(dir, 'faq.tsv');
    writeFileSync(
      tsv,
      [
        HEADER,
        row('How do I request a sandbox cluster?', GOOD_ANSWER, 1),
        row('Who runs the sandboxes?', GOOD_ANSWER, 2),
      ].join('\n'),
    );
    const { code, stdout, stderr } = await berthImport([tsv, '--out', out], dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'berth import: 1 entry already exists (--force replaces them):\n  kb/faq/how-do-i-request-a-sandbox-cluster.md\n',
    );
    expect(filesUnder(out)).toEqual({ 'faq/how-do-i-request-a-sandbox-cluster.md': 'hand-edited\n' });
  });

  it('are replaced with --force, wherever the id was', async () => {
    const dir = tempDir('berth-import-');
    const out = path.join(dir, 'kb');
    writeFiles(out, {
      'old-topic/how-do-i-request-a-sandbox-cluster.md': 'hand-edited\n',
      'old-topic/keep-me.md': 'untouched\n',
    });
    const { code } = await berthImport([
      tsvWith(dir, GOOD_ANSWER),
      '--out',
      out,
      '--topic',
      'platform',
      '--force',
    ]);
    expect(code).toBe(0);
    const files = filesUnder(out);
    expect(Object.keys(files).sort()).toEqual([
      'old-topic/keep-me.md',
      'platform/how-do-i-request-a-sandbox-cluster.md',
    ]);
    expect(files['platform/how-do-i-request-a-sandbox-cluster.md']).toBe(
      readFileSync(path.join(out, 'platform/how-do-i-request-a-sandbox-cluster.md'), 'utf8'),
    );
    expect(files['platform/how-do-i-request-a-sandbox-cluster.md']).toMatch(
      new RegExp(
        `^---\ntitle: How do I request a sandbox cluster\\?\ntags:\n  - team:platform\nlinks:\n[^]*reviewed: ${IMPORT_DATE}\n---\nOpen a ticket`,
      ),
    );
  });
});
