import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryFile, tempDir, writeFiles } from './knowledge-helpers.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/berth.js');

/** Runs the real `berth` command, as a person would from the repository. */
function berth(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const JSON_FIELDS = ['query', 'outcome', 'id', 'title', 'answer', 'links', 'confidence', 'suggestions'];
/** Added later, after the eight contract fields (contracts are only ever extended). */
const EXTENDED_FIELDS = [...JSON_FIELDS, 'alternatives'];

describe('berth ask', () => {
  it('answers a question the way a person reads it', () => {
    const { code, stdout } = berth(['ask', 'what is a cgroup']);
    expect(code).toBe(0);
    expect(stdout).toContain('What is a cgroup?');
    expect(stdout).toContain('Further reading');
    expect(stdout).toContain('https://www.kernel.org/doc/html/latest/admin-guide/cgroup-v2.html');
    expect(stdout).toContain('Related questions');
  });

  it('--json prints the contract fields in order, then the fields added since', () => {
    const { code, stdout } = berth(['ask', '--json', 'what is a cgroup']);
    expect(code).toBe(0);
    const reply = JSON.parse(stdout);
    expect(Object.keys(reply)).toEqual(EXTENDED_FIELDS);
    expect(reply.alternatives).toEqual(expect.any(Array));
    expect(reply).toMatchObject({
      query: 'what is a cgroup',
      outcome: 'answer',
      id: 'what-is-a-cgroup',
      title: 'What is a cgroup?',
    });
    expect(reply.links[0]).toEqual({ title: expect.any(String), url: expect.stringMatching(/^https:/) });
    expect(reply.confidence).toBeGreaterThan(0);
    expect(reply.confidence).toBeLessThanOrEqual(1);
  });

  it('--json with no question reads stdin line by line and answers in order', () => {
    const questions = [
      'what is a cgroup',
      '',
      'hello',
      'how many vacation days do I get',
      'how do I frobnicate',
    ];
    const { code, stdout } = berth(['ask', '--json'], { input: `${questions.join('\n')}\n` });
    expect(code).toBe(0);
    const replies = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(replies.map((r) => r.query)).toEqual([
      'what is a cgroup',
      '',
      'hello',
      'how many vacation days do I get',
      'how do I frobnicate',
    ]);
    expect(replies.map((r) => r.outcome)).toEqual([
      'answer',
      'smalltalk',
      'smalltalk',
      'fallback',
      'fallback',
    ]);
    for (const r of replies) expect(Object.keys(r)).toEqual(EXTENDED_FIELDS);
  });

  it('uses KNOWLEDGE_DIRS layered over the built-in knowledge', () => {
    const overlay = path.join(root, 'tests/fixtures/knowledge-overlay');
    const { stdout } = berth(['ask', '--json', 'how do I frobnicate'], { env: { KNOWLEDGE_DIRS: overlay } });
    const reply = JSON.parse(stdout);
    expect(reply.outcome).toBe('clarify');
    expect(reply.suggestions.map((s: { id: string }) => s.id).sort()).toEqual([
      'frobnicate-gadget',
      'frobnicate-widget',
    ]);
  });

  it('names a malformed setting and exits non-zero', () => {
    const { code, stderr } = berth(['ask', 'x'], { env: { ANSWER_THRESHOLD: 'very' } });
    expect(code).toBe(2);
    expect(stderr).toContain('ANSWER_THRESHOLD: expected a number from 0 to 1, got "very"');
  });
});

describe('berth check', () => {
  it('prints a summary for good knowledge', () => {
    const { code, stdout } = berth(['check']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ entries, \d+ questions, \d+ links, \d+ topics/);
  });

  it('prints file:line for each problem and exits non-zero', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'ours/broken.md': entryFile().replace('tags: [testing]', 'tags: [testing'),
      'ours/dangling.md': entryFile({
        title: 'Dangling?',
        questions: ['d1', 'd2', 'd3', 'd4'],
        related: ['nope'],
      }),
    });
    const { code, stderr } = berth(['check'], { env: { KNOWLEDGE_DIRS: dir } });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`${dir}/ours/broken\\.md:\\d+: malformed YAML`));
    expect(stderr).toContain(`${dir}/ours/dangling.md:12: "related" names unknown entry "nope"`);
    expect(stderr).toMatch(/berth check: 2 error\(s\)/);
  });
});

describe('berth chat', () => {
  it('answers, and lets the person pick a "did you mean" choice by number', () => {
    const overlay = path.join(root, 'tests/fixtures/knowledge-overlay');
    const { code, stdout } = berth(['chat'], {
      input: 'how do I frobnicate\n1\nexit\n',
      env: { KNOWLEDGE_DIRS: overlay },
    });
    expect(code).toBe(0);
    const [, choices = '', picked = ''] = stdout.split('you> ');
    expect(choices).toContain(
      "I'm not sure which of these you mean. Pick one:\n  1. How do I frobnicate a gadget?\n  2. How do I frobnicate a widget?",
    );
    expect(picked).toMatch(/^\nHow do I frobnicate a gadget\?\n\nTo frobnicate a gadget, run frob --gadget/);
  });
});

describe('berth with no command', () => {
  it('prints usage', () => {
    const { code, stdout } = berth([]);
    expect(code).toBe(0);
    expect(stdout).toContain('usage: berth <command>');
  });
});
