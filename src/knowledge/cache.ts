import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../lib/package-root.ts';
import { type StoredTexts, TextStore } from '../text/text-store.ts';
import type { ChannelRequirements } from './channel-requirements.ts';
import type { LoadResult } from './load-result.ts';
import type { Problem } from './problems.ts';
import type { Entry, KnowledgeBase } from './types.ts';

/** Bump when the payload's shape changes. */
const FORMAT = 1;
/** Cache files kept per folder (one per knowledge version and set of channels); older ones go. */
const KEEP = 8;
const PREFIX = 'knowledge-';

/** `BERTH_CACHE_DIR` unset: beside the installed packages, where build tools keep theirs. */
export const DEFAULT_CACHE_DIR = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'berth');

/** What one cache file holds. */
interface Payload {
  knowledge: Omit<KnowledgeBase, 'entries' | 'synonyms' | 'aliases' | 'texts'> & {
    entries: Entry[];
    synonyms: [string, string][];
    aliases: [string, string][];
  };
  problems: Problem[];
  texts: StoredTexts;
}

/**
 * Loads knowledge through an on-disk cache: the parsed and validated knowledge, and the texts its
 * index is built from (TextStore), under a key made of every byte of every file in the knowledge
 * directories, the channels' requirements and the code that reads them. A hit skips YAML parsing,
 * validation, Markdown rendering and text analysis; a miss, a stale key, or a file that fails its
 * checksum or does not parse is ignored and rebuilt by `load()`, never trusted. Knowledge with
 * errors is never cached (its problems are always found afresh). The cache is an optimisation
 * only: a folder that cannot be read or written just means no cache.
 */
export function loadKnowledgeCached(
  dirs: readonly string[],
  channels: readonly ChannelRequirements[],
  cacheDir: string,
  load: () => LoadResult,
): LoadResult {
  let key: string;
  try {
    key = cacheKey(dirs, channels);
  } catch {
    return load();
  }
  const file = path.join(cacheDir, `${PREFIX}${key.slice(0, 40)}.json`);
  const cached = readCache(file, key, dirs);
  if (cached) return cached;
  const result = load();
  if (result.knowledge) {
    const texts = new TextStore();
    texts.onSeal = (store) => writeCache(file, key, result, store);
    result.knowledge = { ...result.knowledge, texts };
  }
  return result;
}

function cacheKey(dirs: readonly string[], channels: readonly ChannelRequirements[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ FORMAT, dirs, channels, node: process.versions.modules }));
  hash.update(codeFingerprint());
  for (const dir of dirs) hashTree(hash, dir, dir);
  return hash.digest('hex');
}

/**
 * The code that turns files into knowledge and texts: every module under this build's `src/` and
 * `lib/` (size and modification time), and the installed packages (the lock file's).
 */
function codeFingerprint(): string {
  const parts: string[] = [];
  const srcRoot = path.resolve(import.meta.dirname, '..');
  for (const root of [srcRoot, path.join(path.dirname(srcRoot), 'lib')]) {
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.[cm]?[jt]s$/.test(entry.name)) continue;
      const full = path.join(entry.parentPath, entry.name);
      const stat = statSync(full);
      parts.push(`${path.relative(root, full)}:${stat.size}:${stat.mtimeMs}`);
    }
  }
  for (const name of ['package-lock.json', 'package.json']) {
    const stat = statSync(path.join(PACKAGE_ROOT, name), { throwIfNoEntry: false });
    if (stat) parts.push(`${name}:${stat.size}:${stat.mtimeMs}`);
  }
  return parts.sort().join('\n');
}

/** Every file under `dir` (links followed, dot-names skipped, as the loader does): name and bytes. */
function hashTree(hash: ReturnType<typeof createHash>, root: string, dir: string): void {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) {
    hash.update(`missing:${dir}\0`);
    return;
  }
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    const s = statSync(full, { throwIfNoEntry: false });
    if (s?.isDirectory()) hashTree(hash, root, full);
    else if (s?.isFile()) {
      hash.update(`${path.relative(root, full)}\0`);
      hash.update(readFileSync(full));
      hash.update('\0');
    }
  }
}

function readCache(file: string, key: string, dirs: readonly string[]): LoadResult | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as { format?: number; key?: string; sha256?: string };
    const body = text.slice(newline + 1);
    if (header.format !== FORMAT || header.key !== key) return undefined;
    if (createHash('sha256').update(body).digest('hex') !== header.sha256) return undefined;
    const payload = JSON.parse(body) as Payload;
    const k = payload.knowledge;
    if (!Array.isArray(k.entries) || typeof k.version !== 'string' || !Array.isArray(payload.problems))
      return undefined;
    const texts = new TextStore(payload.texts);
    texts.seal();
    const knowledge: KnowledgeBase = {
      ...k,
      entries: new Map(k.entries.map((e) => [e.id, e])),
      synonyms: new Map(k.synonyms),
      aliases: new Map(k.aliases),
      dirs: [...dirs],
      texts,
    };
    return { knowledge, problems: payload.problems };
  } catch {
    return undefined;
  }
}

function writeCache(file: string, key: string, result: LoadResult, texts: TextStore): void {
  const kb = result.knowledge;
  if (!kb) return;
  const { texts: _t, entries, synonyms, aliases, ...rest } = kb;
  const payload: Payload = {
    knowledge: { ...rest, entries: [...entries.values()], synonyms: [...synonyms], aliases: [...aliases] },
    problems: result.problems,
    texts: texts.toStored(),
  };
  const body = JSON.stringify(payload);
  const sha256 = createHash('sha256').update(body).digest('hex');
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, `${JSON.stringify({ format: FORMAT, key, sha256 })}\n${body}`);
    renameSync(temp, file);
    prune(path.dirname(file));
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the folder itself is unusable: nothing was written
    }
  }
}

/** Keeps the newest KEEP cache files. */
function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((name) => name.startsWith(PREFIX) && name.endsWith('.json'))
    .map((name) => ({ full: path.join(dir, name), mtime: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { full } of files.slice(KEEP)) rmSync(full, { force: true });
}
