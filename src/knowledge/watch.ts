import { type FSWatcher, readdirSync, type Stats, statSync, watch } from 'node:fs';
import path from 'node:path';

export interface WatchOptions {
  /** Quiet time after a file event before the knowledge is compared again. */
  debounceMs?: number;
  /** How often the knowledge is compared even without a file event. */
  pollMs?: number;
}

const DEFAULTS = { debounceMs: 250, pollMs: 2000 } as const;

/**
 * Calls `onChange` whenever what the knowledge directories hold changes, however it changed: an
 * edit, a folder deleted and recreated, a folder swapped in by rename, a symlink swapped to a new
 * target, or a Kubernetes ConfigMap update (an atomic swap of the `..data` symlink that the
 * mounted names point through). File events only say "look again": each time, and every
 * `pollMs` in case no event came (a watcher on a folder that was replaced hears nothing more),
 * the directories are walked by path, links followed, and compared with the last walk. Watchers
 * are re-opened on whatever the paths name now. Returns a function that stops watching.
 */
export function watchKnowledge(
  dirs: readonly string[],
  onChange: () => void,
  options: WatchOptions = {},
): () => void {
  const { debounceMs, pollMs } = { ...DEFAULTS, ...options };
  let last = fingerprint(dirs);
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const look = () => {
    if (stopped) return;
    const now = fingerprint(dirs);
    if (now === last) return;
    last = now;
    rewatch();
    onChange();
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(look, debounceMs);
  };
  const rewatch = () => {
    for (const w of watchers) w.close();
    watchers = dirs.flatMap((dir) => [
      ...open(dir, true, soon),
      // The folder's parent hears the folder itself being deleted, recreated, renamed or relinked.
      ...open(path.dirname(dir), false, soon),
    ]);
  };
  rewatch();
  const poll = setInterval(look, pollMs);
  poll.unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(poll);
    for (const w of watchers) w.close();
  };
}

/** A watcher on `dir`, or none when it cannot be watched now (missing; the poll covers it). */
function open(dir: string, recursive: boolean, onEvent: () => void): FSWatcher[] {
  try {
    const watcher = watch(dir, { recursive }, onEvent);
    watcher.on('error', onEvent);
    return [watcher];
  } catch {
    return [];
  }
}

/**
 * Every file under `dirs` as the loader would find it (by path, links followed, dot-names such as
 * `..data` and editors' swap files left out) with its size, modification time and inode.
 */
export function fingerprint(dirs: readonly string[]): string {
  const lines: string[] = [];
  for (const dir of dirs) {
    const seen = new Set<string>();
    const walk = (folder: string, stats: Stats) => {
      const id = `${stats.dev}:${stats.ino}`;
      if (seen.has(id)) return; // a symlink loop
      seen.add(id);
      lines.push(`${folder}/ ${id}`);
      for (const name of safeList(folder).sort()) {
        if (name.startsWith('.')) continue;
        const full = path.join(folder, name);
        const s = safeStat(full);
        if (s?.isDirectory()) walk(full, s);
        else if (s?.isFile()) lines.push(`${full} ${s.size} ${s.mtimeMs} ${s.dev}:${s.ino}`);
      }
    };
    const root = safeStat(dir);
    if (root?.isDirectory()) walk(dir, root);
    else lines.push(`${dir} missing`);
  }
  return lines.join('\n');
}

function safeStat(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function safeList(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
