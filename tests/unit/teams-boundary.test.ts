import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Microsoft has archived the Bot Framework SDK. Keeping it in as few files as possible keeps the
// move to its successor small: these tests fail when botbuilder spreads.

const root = path.resolve(import.meta.dirname, '../..');
const SDK = /^(?:botbuilder|botframework-|@azure\/msal-node|@microsoft\/agents-)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.(?:ts|js|mjs)$/.test(d.name) && !d.parentPath.includes('node_modules'))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
}

function sdkImports(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specs = [
    ...text.matchAll(/(?:from\s*|import\s*\(\s*|import\s+|require\s*\(\s*)['"]([^'"]+)['"]/g),
  ].map((m) => m[1] ?? '');
  return specs.filter((s) => SDK.test(s));
}

describe('the Bot Framework SDK stays inside adapters/teams', () => {
  const files = ['src', 'adapters', 'bin', 'scripts', 'tests'].flatMap(sourceFiles);

  it('finds the files to check', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('is imported nowhere outside adapters/teams', () => {
    const outside = files.filter((f) => !f.startsWith('adapters/teams/') && sdkImports(f).length > 0);
    expect(outside).toEqual([]);
  });

  it('is imported by the glue only: parse, render and respond are SDK-free', () => {
    const users = files.filter((f) => f.startsWith('adapters/teams/') && sdkImports(f).length > 0).sort();
    expect(users).toEqual([
      'adapters/teams/auth.ts',
      'adapters/teams/channel.ts',
      'adapters/teams/connector-transport.ts',
    ]);
  });
});
