import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, read, resolved, tsFiles } from './source-files.ts';

// A channel adapter reaches the core through one door: from src/ it imports the service and
// types, nothing that runs. It may use lib/, the neutral channel contract (adapters/channel/) and
// its own folder; never another channel, never the server (the composition root, which is the
// one place that knows every channel and every part of the core).

const SERVICE = 'src/service/berth-service.ts';
const NEUTRAL = 'adapters/channel';

/** What `file`, part of the channel in folder `own`, imports that it should not. */
function adapterViolations(file: string, own: string): string[] {
  return importsOf(read(file)).flatMap(({ spec, typeOnly }) => {
    if (!spec.startsWith('.')) return [];
    const target = resolved(file, spec);
    const inside = (dir: string) => target.startsWith(`${dir}/`);
    if (inside(own)) return [];
    if (inside('src') && !typeOnly && target !== SERVICE)
      return [`${file} runs ${target}: only the service and types may come from src/`];
    if (inside('adapters') && !inside(NEUTRAL)) return [`${file} imports ${target}`];
    if (!inside('src') && !inside('adapters') && !inside('lib')) return [`${file} imports ${target}`];
    return [];
  });
}

const channelFolders = (root: string) =>
  readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'server')
    .map((d) => path.join(path.basename(root), d.name));

/** The fourth channel, a test double, follows the same rules (see docs/adding-a-channel.md). */
const TEST_DOUBLE = 'tests/e2e/fourth-channel';

describe('adapters use only the service and types from the core', () => {
  const folders = [...channelFolders(path.resolve(import.meta.dirname, '../../adapters')), TEST_DOUBLE];

  it('finds every channel, the test double and the neutral contract', () => {
    expect(folders.sort()).toEqual([
      'adapters/channel',
      'adapters/slack',
      'adapters/teams',
      'adapters/web',
      TEST_DOUBLE,
    ]);
  });

  it('import from src/ only the service and types, from adapters/ only their own folder and the contract', () => {
    const violations = folders.flatMap((own) => tsFiles(own).flatMap((file) => adapterViolations(file, own)));
    expect(violations).toEqual([]);
  });

  it('the check can fail: code from the core, another channel, the server', () => {
    const leaky = 'tests/fixtures/boundary/leaky.ts.txt';
    expect(adapterViolations(leaky, 'adapters/web')).toEqual([
      `${leaky} imports adapters/slack/render.ts`,
      `${leaky} runs src/answer/answerer.ts: only the service and types may come from src/`,
    ]);
  });
});
