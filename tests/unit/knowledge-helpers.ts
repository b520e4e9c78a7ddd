import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';

/** A fresh temporary directory. */
export function tempDir(prefix = 'berth-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Writes `files` (relative path -> content) under `dir`, creating folders. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
}

/** A copy of the built-in knowledge in a temp dir, safe to edit. */
export function copyOfBuiltin(): string {
  const dir = tempDir('berth-kb-');
  cpSync(BUILTIN_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

/** A well-formed entry file. */
export function entryFile(
  fields: { title?: string; questions?: string[]; related?: string[]; url?: string; body?: string } = {},
): string {
  const questions = (
    fields.questions ?? ['first alternate', 'second alternate', 'third alternate', 'fourth alternate']
  )
    .map((q) => `  - "${q}"`)
    .join('\n');
  return [
    '---',
    `title: ${fields.title ?? 'How do I test the loader?'}`,
    'questions:',
    questions,
    'tags: [testing]',
    'links:',
    '  - title: Example',
    `    url: ${fields.url ?? 'https://example.com/docs'}`,
    `related: [${(fields.related ?? []).join(', ')}]`,
    '---',
    fields.body ?? 'An answer long enough to be an answer. '.repeat(8),
    '',
  ].join('\n');
}
