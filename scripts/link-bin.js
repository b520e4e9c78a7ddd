// Links this repository's own `berth` bin into node_modules/.bin, so `npx berth ...` runs the
// checked-out code (npm links the bins of dependencies, not of the project itself).
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const binDir = path.join(root, 'node_modules', '.bin');
const target = path.join(root, 'bin', 'berth.js');
mkdirSync(binDir, { recursive: true });
rmSync(path.join(binDir, 'berth'), { force: true });
symlinkSync(path.relative(binDir, target), path.join(binDir, 'berth'));
chmodSync(target, 0o755);
