import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Reading the repository's own source, for the boundary tests.

const root = path.resolve(import.meta.dirname, '../..');

/** A file's text, by its path from the repository root. */
export const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

/** The TypeScript files under `dir`, as paths from the repository root. */
export function tsFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
}

export interface ImportLine {
  spec: string;
  /** `import type` / `export type`: erased at run time. */
  typeOnly: boolean;
}

/** Every module specifier a file imports (static, dynamic and re-exports). */
export function importsOf(text: string): ImportLine[] {
  const found: ImportLine[] = [];
  const pattern =
    /(import|export)(\s+type)?\s[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(pattern))
    found.push({ spec: m[3] ?? m[4] ?? m[5] ?? '', typeOnly: m[2] !== undefined });
  return found;
}

/** Where a relative specifier in `file` points, relative to the repository. */
export function resolved(file: string, spec: string): string {
  return path.relative(root, path.resolve(root, path.dirname(file), spec));
}
