import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding Berth's package.json, whether this module runs from its TypeScript source
 * (`lib/`) or compiled (`dist/lib/`): files that ship beside the code (the built-in knowledge, the
 * web chat's static files) are found from here, never from a path relative to one module.
 */
export const PACKAGE_ROOT = findPackageRoot(import.meta.dirname);

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`berth: no package.json above ${from}`);
  }
}
