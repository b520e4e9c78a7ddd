import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OVERLAY_DIR, startTestServer, type TestServer } from './harness.ts';
import { WebVisitor } from './web-visitor.ts';

// Hot reload when the knowledge folder itself is replaced: deleted and recreated, swapped in by
// rename, swapped by symlink, and a Kubernetes ConfigMap volume (a folder of links through an
// atomically swapped `..data` link). After each, a later edit must still be picked up, and
// /readyz must say what is true.

interface Ready {
  version: string;
  lastReload: { ok: boolean; problems: string[] } | null;
}

const WIDGET = path.join('widgets', 'frobnicate-widget.md');
const original = readFileSync(path.join(OVERLAY_DIR, WIDGET), 'utf8');

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A copy of the overlay knowledge whose widget answer says `colour light`. */
function knowledgeAt(dir: string, colour: string): void {
  cpSync(OVERLAY_DIR, dir, { recursive: true });
  writeFileSync(path.join(dir, WIDGET), original.replace('green light', `${colour} light`));
}

async function serve(dir: string): Promise<TestServer> {
  server = await startTestServer({ KNOWLEDGE_WATCH: 'true', KNOWLEDGE_DIRS: dir });
  return server;
}

const ready = async (s: TestServer) => (await (await fetch(new URL('/readyz', s.url))).json()) as Ready;
const widgetAnswer = async (s: TestServer) =>
  (await new WebVisitor(s.url).choose('frobnicate-widget')).body.html;

/** Waits until the widget answer says `colour light` and /readyz reports a good reload. */
async function serving(s: TestServer, colour: string): Promise<Ready> {
  return vi.waitFor(
    async () => {
      const r = await ready(s);
      const html = await widgetAnswer(s);
      if (!html.includes(`${colour} light`) || r.lastReload?.ok !== true)
        throw new Error(`not yet: ${JSON.stringify(r)} ${html}`);
      return r;
    },
    { timeout: 20_000, interval: 100 },
  );
}

/** Edits the widget answer in place, at the path the server was given. */
function edit(dir: string, colour: string): void {
  const file = path.join(dir, WIDGET);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\w+ light/, `${colour} light`));
}

const scratch = () => mkdtempSync(path.join(tmpdir(), 'berth-mounted-'));

describe('hot reload when the knowledge folder is replaced', () => {
  it('survives the folder being deleted (reported) and recreated, then edited', async () => {
    const dir = path.join(scratch(), 'knowledge');
    knowledgeAt(dir, 'green');
    const s = await serve(dir);

    rmSync(dir, { recursive: true });
    const gone = await vi.waitFor(
      async () => {
        const r = await ready(s);
        if (r.lastReload?.ok !== false) throw new Error('not yet');
        return r;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(gone.lastReload?.problems.join('\n')).toContain('knowledge directory does not exist');
    expect(await widgetAnswer(s)).toContain('green light'); // the last good knowledge

    knowledgeAt(dir, 'purple');
    await serving(s, 'purple');
    edit(dir, 'orange');
    await serving(s, 'orange');
  });

  it('survives a new folder swapped in by rename, then edited', async () => {
    const root = scratch();
    const dir = path.join(root, 'knowledge');
    knowledgeAt(dir, 'green');
    const s = await serve(dir);

    knowledgeAt(path.join(root, 'knowledge.new'), 'purple');
    renameSync(dir, path.join(root, 'knowledge.old'));
    renameSync(path.join(root, 'knowledge.new'), dir);
    await serving(s, 'purple');
    edit(dir, 'orange');
    await serving(s, 'orange');
  });

  it('survives a symlink swapped to a new folder, then edited', async () => {
    const root = scratch();
    knowledgeAt(path.join(root, 'v1'), 'green');
    knowledgeAt(path.join(root, 'v2'), 'purple');
    const link = path.join(root, 'current');
    symlinkSync(path.join(root, 'v1'), link);
    const s = await serve(link);

    symlinkSync(path.join(root, 'v2'), `${link}.tmp`);
    renameSync(`${link}.tmp`, link); // atomic, as `ln -sfn` is not
    await serving(s, 'purple');
    edit(link, 'orange');
    await serving(s, 'orange');
    expect(readFileSync(path.join(root, 'v1', WIDGET), 'utf8')).toContain('green light');
  });

  it('follows a Kubernetes ConfigMap volume through two updates (..data swapped atomically)', async () => {
    const mount = scratch();
    // What the kubelet writes: a timestamped folder, `..data` linking to it, and each top-level
    // name linking through `..data`.
    const publish = (version: string, colour: string) => {
      knowledgeAt(path.join(mount, version), colour);
      symlinkSync(version, path.join(mount, '..data_tmp'));
      renameSync(path.join(mount, '..data_tmp'), path.join(mount, '..data'));
    };
    publish('..2026_01_01_00_00_00.000000001', 'green');
    for (const name of readdirSync(path.join(mount, '..data')))
      symlinkSync(path.join('..data', name), path.join(mount, name));
    const s = await serve(mount);
    expect(await widgetAnswer(s)).toContain('green light');

    publish('..2026_01_02_00_00_00.000000002', 'purple');
    rmSync(path.join(mount, '..2026_01_01_00_00_00.000000001'), { recursive: true });
    await serving(s, 'purple');

    publish('..2026_01_03_00_00_00.000000003', 'orange');
    rmSync(path.join(mount, '..2026_01_02_00_00_00.000000002'), { recursive: true });
    const last = await serving(s, 'orange');
    expect(last.lastReload?.problems).toEqual([]);
  });
});
