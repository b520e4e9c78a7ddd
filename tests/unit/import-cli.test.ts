import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './import-helpers.ts';
import { tempDir } from './knowledge-helpers.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/berth.js');

/** Runs the real `berth` command, as a person would. */
function berth(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('berth import, check, ask and export from the command line', () => {
  it('imports a UTF-16 QnA Maker export that berth check accepts and berth ask answers from', () => {
    const dir = tempDir('berth-cli-');
    const imported = berth(
      ['import', path.join(FIXTURES, 'build-farm-utf16.tsv'), '--out', 'kb', '--topic', 'builds'],
      {
        cwd: dir,
      },
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe(
      `3 imported, 0 need attention; 4 warning(s)\nentries are in kb/builds/; use them with KNOWLEDGE_DIRS=${dir}/kb\n`,
    );
    expect(imported.stderr).toContain(
      'kb/builds/can-a-project-get-an-exception-to-the-build-farms-2-gb-image.md:2: warning: only 1 alternate question(s); aim for at least 4',
    );
    const env = { KNOWLEDGE_DIRS: path.join(dir, 'kb') };
    const check = berth(['check', '--quiet'], { env });
    expect(check.code).toBe(0);
    const reply = JSON.parse(
      berth(['ask', '--json', 'why does the build farm reject my 2 GB image'], { env }).stdout,
    );
    expect(reply).toMatchObject({
      outcome: 'answer',
      id: 'why-does-the-build-farm-reject-images-larger-than-2-gb',
      suggestions: [{ id: 'can-a-project-get-an-exception-to-the-build-farms-2-gb-image' }],
    });
    expect(reply.answer).toContain('Größe: 2,3 GB');

    const exported = berth(['export', '--format', 'qnamaker', 'kb'], { cwd: dir });
    expect(exported.code).toBe(0);
    expect(exported.stdout.split('\n')[0]).toBe(
      'Question\tAnswer\tSource\tMetadata\tSuggestedQuestions\tIsContextOnly\tPrompts\tQnaId',
    );
    const rows = exported.stdout.trimEnd().split('\n').slice(1);
    expect(rows.map((r) => `${r.split('\t')[7]} ${r.split('\t')[0]}`)).toEqual([
      '1 Can a project get an exception to the build farm’s 2 GB image limit?',
      '1 exception to the image size limit',
      '2 Which runner tags does the build farm offer?',
      '2 build farm runner tags',
      '2 runner labels for docker builds',
      '3 Why does the build farm reject images larger than 2 GB?',
      '3 build farm image size limit',
      '3 image too large for the build farm',
    ]);
  });

  it('lists both commands in the usage text', () => {
    const { stdout } = berth(['help']);
    expect(stdout).toMatch(
      /^ {2}import <file> {7}turn a QnA Maker TSV, Rasa project, Markdown FAQ or \.qna file/m,
    );
    expect(stdout).toMatch(/^ {2}export <dir> {8}write a knowledge directory as a QnA Maker TSV/m);
  });
});
