#!/usr/bin/env node
// The `berth` command: runs the JavaScript compiled into dist/ by `npm run build` (which
// `npm install` runs). In a checkout, where the TypeScript sources sit beside dist/, a source
// file newer than the last build triggers a rebuild first, so the command never runs stale code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Newest modification time of the TypeScript files under `dirs` (0 when there are none). */
function newestSource(dirs) {
  let newest = 0;
  for (const dir of dirs) {
    const full = path.join(root, dir);
    if (!existsSync(full)) continue;
    for (const entry of readdirSync(full, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function ensureBuilt() {
  const stamp = path.join(root, 'dist', 'BUILT');
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const sources = newestSource(['lib', 'src', 'adapters', 'bin']);
  if (built > 0 && sources <= built) return;
  if (sources === 0 || !existsSync(path.join(root, 'node_modules', 'typescript'))) {
    if (built > 0) return; // an installed package or image: dist/ is all there is
    process.stderr.write('berth: not built and TypeScript is not installed; run `npm install`\n');
    process.exit(1);
  }
  process.stderr.write('berth: the sources changed since the last build; rebuilding (npm run build)\n');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureBuilt();
// Node 22.1 and later keep V8's compiled code on disk between runs (the Docker image runs the
// current LTS); Node 20 has no such cache and skips this.
module.enableCompileCache?.();
await import('../dist/bin/main.js');
