// `npm run build`: compiles lib/, src/, adapters/ and bin/ into dist/ with the project's TypeScript, then
// stamps the build so `bin/berth.js` can tell when the sources have changed since.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(
  path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
  'bin',
  'tsc',
);
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  process.stderr.write('berth: the build failed (see the TypeScript errors above)\n');
  process.exit(result.status ?? 1);
}
writeFileSync(path.join(root, 'dist', 'BUILT'), `${new Date().toISOString()}\n`);
