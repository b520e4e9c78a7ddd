import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../adapters/teams/card-actions.ts';
import { APP_PACKAGE_DIR, colorIcon, outlineIcon } from '../../scripts/teams-icons.ts';
import { buildManifest, buildPackage } from '../../scripts/teams-package.ts';
import { BUILTIN_KNOWLEDGE_DIR } from '../../src/config.ts';
import { KnowledgeHolder } from '../../src/knowledge-holder.ts';
import { tempDir } from './knowledge-helpers.ts';

const APP_ID = '5b0d8f4e-3c2a-4e1b-9d7f-6a5c4b3e2d1f';
const root = path.resolve(import.meta.dirname, '../..');
const template = JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as Record<
  string,
  unknown
>;
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const manifest = buildManifest(template, APP_ID, version);

type Manifest = Parameters<typeof AppManifestUtils.validateAgainstSchema>[0];
type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/** Microsoft's published JSON schema for this manifest version, as shipped in @microsoft/app-manifest. */
function officialSchema(manifestVersion: string): Schema {
  const pkg = createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json');
  const file = path.join(
    path.dirname(pkg),
    `build/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`,
  );
  // The published schema has regex escapes JSON does not allow (\a, \v); the package's own loader fixes them the same way.
  return JSON.parse(
    readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'),
  ) as Schema;
}

interface Bot {
  botId: string;
  scopes: string[];
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
}
interface ComposeExtension {
  botId: string;
  commands: { id: string; type: string; parameters: { name: string }[] }[];
}

describe('the Teams app manifest', () => {
  it('is valid against the official schema of the version it declares', async () => {
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
    );
    expect(
      await AppManifestUtils.validateAgainstSchema(manifest as Manifest, officialSchema('1.30')),
    ).toEqual([]);
  });

  it('the schema check can fail (a wrong scope and an unknown property are reported)', async () => {
    const broken = {
      ...manifest,
      surprise: true,
      bots: [{ ...(manifest.bots as Bot[])[0], scopes: ['everywhere'] }],
    };
    const problems = await AppManifestUtils.validateAgainstSchema(
      broken as unknown as Manifest,
      officialSchema('1.30'),
    );
    expect(problems.join('\n')).toMatch(/surprise/);
    expect(problems.join('\n')).toMatch(/scopes/);
  });

  it('carries the app id everywhere and the package version', () => {
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toBe(version);
    const [bot] = manifest.bots as Bot[];
    const [extension] = manifest.composeExtensions as ComposeExtension[];
    expect(bot?.botId).toBe(APP_ID);
    expect(extension?.botId).toBe(APP_ID);
    expect(JSON.stringify(manifest)).not.toContain('00000000-0000-0000-0000-000000000000');
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildManifest(template, 'berth-bot', version)).toThrow(/GUID/);
  });

  it('offers the bot in personal chats, teams and group chats, with commands Berth really answers', () => {
    const [bot] = manifest.bots as Bot[];
    expect([...(bot?.scopes ?? [])].sort()).toEqual(['groupChat', 'personal', 'team']);
    const berth = KnowledgeHolder.load([BUILTIN_KNOWLEDGE_DIR]).current;
    const commands = bot?.commandLists.flatMap((l) => l.commands) ?? [];
    expect(commands.map((c) => c.title)).toContain('help');
    for (const { title } of commands) {
      const reply = berth.answer(title);
      expect(reply.outcome, title).toBe(title === 'help' ? 'smalltalk' : 'answer');
    }
  });

  it('declares the search message extension the adapter handles', () => {
    const [extension] = manifest.composeExtensions as ComposeExtension[];
    const [command] = extension?.commands ?? [];
    expect(command).toMatchObject({ id: SEARCH_COMMAND_ID, type: 'query' });
    expect(command?.parameters.map((p) => p.name)).toEqual([SEARCH_PARAMETER]);
  });
});

describe('the Teams app icons', () => {
  const read = (name: string) => PNG.sync.read(readFileSync(path.join(APP_PACKAGE_DIR, name)));

  it('are 192x192 (colour) and 32x32 (outline)', () => {
    expect([read('color.png').width, read('color.png').height]).toEqual([192, 192]);
    expect([read('outline.png').width, read('outline.png').height]).toEqual([32, 32]);
  });

  it('outline is white on transparent only, as Teams requires', () => {
    const { data } = read('outline.png');
    const colours = new Set<string>();
    for (let i = 0; i < data.length; i += 4)
      colours.add(data[i + 3] === 0 ? 'transparent' : [...data.subarray(i, i + 4)].join());
    expect([...colours].sort()).toEqual(['255,255,255,255', 'transparent']);
  });

  it('colour icon is opaque', () => {
    const { data } = read('color.png');
    for (let i = 3; i < data.length; i += 4) expect(data[i]).toBe(255);
  });

  it('are exactly what scripts/teams-icons.ts draws', () => {
    expect(readFileSync(path.join(APP_PACKAGE_DIR, 'color.png')).equals(colorIcon())).toBe(true);
    expect(readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png')).equals(outlineIcon())).toBe(true);
  });
});

describe('npm run teams:package', () => {
  it('builds a zip with the filled-in manifest and both icons at its root', async () => {
    const zip = await JSZip.loadAsync(await buildPackage(APP_ID));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}') as Manifest;
    expect(packed).toEqual(manifest);
  });

  it('writes the package from the command line (the compiled script `npm run teams:package` runs)', async () => {
    const out = path.join(tempDir('berth-teams-'), 'app.zip');
    const stdout = execFileSync('node', ['dist/scripts/teams-package.js', '--app-id', APP_ID, '--out', out], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(stdout).toContain(`for app ${APP_ID}`);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}')).toMatchObject({
      id: APP_ID,
    });
  });
});
