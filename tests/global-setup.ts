import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Compiles dist/ once before any test file runs: the tests that start `berth` as a process run
 * the compiled code, exactly as `npm start` does, and must never race each other to rebuild it.
 */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed: see the TypeScript errors above');
}
