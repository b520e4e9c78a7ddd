import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => path.join(d.parentPath, d.name));
}

/** Every module specifier a file imports (static, dynamic and re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
  )) {
    specs.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return specs;
}

const FORBIDDEN = [/^@slack\//, /^botbuilder/, /^botframework/, /^express$/, /^@microsoft\//];

describe('the core knows no platform', () => {
  const files = tsFiles(path.join(root, 'src'));

  it('finds the core source files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [path.relative(root, f), f]))(
    '%s imports no platform SDK and nothing from adapters/',
    (_name, file) => {
      for (const spec of importsOf(file)) {
        for (const pattern of FORBIDDEN) expect(spec, `${file} imports ${spec}`).not.toMatch(pattern);
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          expect(
            path.relative(path.join(root, 'src'), target).startsWith('..'),
            `${file} imports ${spec} outside src/`,
          ).toBe(false);
        }
      }
    },
  );

  it('the import scanner catches a forbidden import (so the check above can fail)', () => {
    const sample = path.join(root, 'tests/fixtures/boundary/leaky.ts.txt');
    const specs = importsOf(sample);
    expect(specs).toEqual(['@slack/bolt', '../adapters/slack/render.ts', 'botbuilder', 'express']);
  });
});
