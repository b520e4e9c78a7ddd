import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type EntryDraft, renderEntryFile } from './entries.ts';

/** The import would replace entries that already exist, and --force was not given. */
export class ExistingEntriesError extends Error {
  readonly files: readonly string[];

  constructor(files: readonly string[]) {
    super(
      `${files.length} ${files.length === 1 ? 'entry already exists' : 'entries already exist'} (--force replaces them)`,
    );
    this.name = 'ExistingEntriesError';
    this.files = files;
  }
}

/**
 * Writes drafts as `<outDir>/<topic>/<id>.md` and returns the files written. An id that already
 * names an entry anywhere under outDir stops the import before anything is written, unless
 * `force`, which replaces that entry (wherever it was). Files are written to a hidden folder
 * inside outDir first and then moved into place, so a failure leaves no half-written import.
 */
export function writeEntries(
  outDir: string,
  drafts: readonly EntryDraft[],
  options: { force: boolean },
): string[] {
  const existing = existingEntries(outDir);
  const replaced = drafts.flatMap((d) => existing.get(d.id) ?? []);
  if (replaced.length > 0 && !options.force) throw new ExistingEntriesError(replaced);
  mkdirSync(outDir, { recursive: true });
  const staging = mkdtempSync(path.join(outDir, '.berth-import-'));
  try {
    for (const draft of drafts) {
      mkdirSync(path.join(staging, draft.topic), { recursive: true });
      writeFileSync(path.join(staging, draft.topic, `${draft.id}.md`), renderEntryFile(draft));
    }
    for (const file of replaced) rmSync(file);
    for (const topic of new Set(drafts.map((d) => d.topic))) moveTopic(staging, outDir, topic);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return drafts.map((d) => path.join(outDir, d.topic, `${d.id}.md`));
}

/** A new topic folder moves in one rename; into an existing one, file by file. */
function moveTopic(staging: string, outDir: string, topic: string): void {
  const from = path.join(staging, topic);
  const to = path.join(outDir, topic);
  if (!existsSync(to)) {
    renameSync(from, to);
    return;
  }
  for (const name of readdirSync(from)) renameSync(path.join(from, name), path.join(to, name));
}

/** Entry id -> its files, over every topic folder of a knowledge directory (as the loader reads it). */
function existingEntries(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  if (!existsSync(dir)) return found;
  for (const topic of readdirSync(dir, { withFileTypes: true })) {
    if (!topic.isDirectory() || topic.name.startsWith('.') || topic.name === '_bot') continue;
    for (const file of readdirSync(path.join(dir, topic.name), { withFileTypes: true })) {
      if (!file.isFile() || !file.name.endsWith('.md')) continue;
      const id = path.basename(file.name, '.md');
      found.set(id, [...(found.get(id) ?? []), path.join(dir, topic.name, file.name)]);
    }
  }
  return found;
}
