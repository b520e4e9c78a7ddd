import { describe, expect, it } from 'vitest';
import { importsOf, read, resolved, tsFiles } from './source-files.ts';

// The layers, and what each may import:
//   lib/        pure text helpers (Markdown walker, entities, truncation): nothing of Berth's
//   src/        the core: src/ and lib/ only, no platform SDK, no express
//   adapters/   each channel: its own folder, adapters/channel/, lib/, and from src/ the service
//               and types only (see the adapters' rules in adapter-boundary.test.ts)

const SDKS = [/^@slack\//, /^botbuilder/, /^botframework/, /^express$/, /^@microsoft\//, /^@azure\//];

/** Imports of `file` that leave the folders it may use, or reach a platform SDK. */
function strayImports(file: string, allowed: readonly string[], sdkFree = true): string[] {
  return importsOf(read(file)).flatMap(({ spec }) => {
    if (sdkFree && SDKS.some((p) => p.test(spec))) return [`${file} imports ${spec}`];
    if (!spec.startsWith('.')) return [];
    const target = resolved(file, spec);
    return allowed.some((dir) => target.startsWith(`${dir}/`)) ? [] : [`${file} imports ${target}`];
  });
}

/**
 * What the core must never say: a platform's name, its markup or its size limits. A platform
 * word in a comment counts too: it is how knowledge of a platform creeps back in.
 */
const PLATFORM_WORDS: [string, RegExp][] = [
  ['a channel name', /\b(?:slack|teams|msteams|web ?chat|web)\b/i],
  ['Slack mrkdwn', /mrkdwn|Block Kit/i],
  ['Slack special mentions', /<!(?:channel|here|everyone)>|<[@#][A-Z]/],
  ['Teams mentions', /<at>|<\/at>/i],
  ['an Adaptive Card', /adaptive ?card/i],
  ['a platform size limit', /\b3,?000\b|\b20_?000\b|\b28 ?KB\b/i],
];

function platformWords(file: string): string[] {
  return read(file)
    .split('\n')
    .flatMap((line, i) =>
      PLATFORM_WORDS.filter(([, pattern]) => pattern.test(line)).map(
        ([what]) => `${file}:${i + 1}: ${what}: ${line.trim()}`,
      ),
    );
}

describe('the core knows no platform', () => {
  const core = tsFiles('src');

  it('finds the core source files', () => {
    expect(core.length).toBeGreaterThan(50);
  });

  it('imports only the core and lib/: no platform SDK, no express, nothing from adapters/', () => {
    expect(core.flatMap((f) => strayImports(f, ['src', 'lib']))).toEqual([]);
  });

  it('names no platform, no platform markup and no platform limit', () => {
    expect(core.flatMap(platformWords)).toEqual([]);
  });

  it('has no import cycles (types shared by several modules live in a module of their own)', () => {
    const edges = new Map(
      core.map((file) => [
        file,
        importsOf(read(file))
          .filter(({ spec }) => spec.startsWith('.'))
          .map(({ spec }) => resolved(file, spec))
          .filter((target) => target.startsWith('src/')),
      ]),
    );
    expect(cyclesOf(edges)).toEqual([]);
  });

  it('lib/ imports nothing of Berth: it is shared by the core and the adapters', () => {
    expect(tsFiles('lib').flatMap((f) => strayImports(f, ['lib']))).toEqual([]);
  });
});

/** Each import cycle once, as `a -> b -> a`. */
function cyclesOf(edges: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles = new Set<string>();
  const visit = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at >= 0) {
      const loop = path.slice(at);
      const first = loop.indexOf([...loop].sort()[0] ?? file);
      cycles.add([...loop.slice(first), ...loop.slice(0, first), loop[first]].join(' -> '));
      return;
    }
    for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
  };
  for (const file of edges.keys()) visit(file, []);
  return [...cycles];
}

describe('production and tests stay apart', () => {
  /** Relative imports of the files under `dirs` that land in one of `forbidden`. */
  const importsInto = (dirs: readonly string[], forbidden: readonly string[]) =>
    dirs.flatMap(tsFiles).flatMap((file) =>
      importsOf(read(file))
        .filter(({ spec }) => spec.startsWith('.'))
        .map(({ spec }) => `${file} imports ${resolved(file, spec)}`)
        .filter((line) => forbidden.some((dir) => line.includes(` imports ${dir}/`))),
    );

  it('production code (lib, src, adapters, bin) imports nothing from tests/ or bench/', () => {
    expect(importsInto(['lib', 'src', 'adapters', 'bin'], ['tests', 'bench'])).toEqual([]);
  });

  it('tests import no benchmark code', () => {
    expect(importsInto(['tests'], ['bench'])).toEqual([]);
  });
});

describe('the checks above can fail', () => {
  const leaky = 'tests/fixtures/boundary/leaky.ts.txt';

  it('the import scanner sees every kind of import, and which are type-only', () => {
    expect(importsOf(read(leaky))).toEqual([
      { spec: '@slack/bolt', typeOnly: false },
      { spec: '../../../adapters/slack/render.ts', typeOnly: true },
      { spec: 'botbuilder', typeOnly: false },
      { spec: '../../../src/answer/answerer.ts', typeOnly: false },
      { spec: 'express', typeOnly: false },
    ]);
    expect(strayImports(leaky, ['lib'])).toEqual([
      `${leaky} imports @slack/bolt`,
      `${leaky} imports adapters/slack/render.ts`,
      `${leaky} imports botbuilder`,
      `${leaky} imports src/answer/answerer.ts`,
      `${leaky} imports express`,
    ]);
  });

  it('the cycle finder finds a cycle, once', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c', 'a']],
      ['c', []],
    ]);
    expect(cyclesOf(edges)).toEqual(['a -> b -> a']);
  });

  it('the platform grep finds every kind of leak: names, markup and limits', () => {
    const kinds = new Set(platformWords(leaky).map((line) => line.split(': ')[1]));
    expect(kinds).toEqual(new Set(PLATFORM_WORDS.map(([what]) => what)));
  });
});
