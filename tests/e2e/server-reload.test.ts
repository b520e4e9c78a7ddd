import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OVERLAY_DIR, startTestServer, type TestServer } from './harness.ts';
import { WebVisitor } from './web-visitor.ts';

interface Ready {
  version: string;
  entries: number;
  lastReload: { ok: boolean; problems: string[] } | null;
}

let server: TestServer;
let dir: string;
let widgetFile: string;
const visitor = () => new WebVisitor(server.url);
const ready = async () => (await (await fetch(new URL('/readyz', server.url))).json()) as Ready;
const widgetAnswer = async () => {
  const { body } = await visitor().choose('frobnicate-widget');
  return body.html;
};
/** Reloads are debounced and asynchronous: poll /readyz until `done` holds. */
const until = (done: (r: Ready) => boolean) =>
  vi.waitFor(
    async () => {
      const r = await ready();
      if (!done(r)) throw new Error(`not yet: ${JSON.stringify(r)}`);
      return r;
    },
    { timeout: 20_000, interval: 100 },
  );

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-reload-'));
  cpSync(OVERLAY_DIR, dir, { recursive: true });
  widgetFile = path.join(dir, 'widgets', 'frobnicate-widget.md');
  server = await startTestServer({ KNOWLEDGE_WATCH: 'true', KNOWLEDGE_DIRS: dir });
});
afterAll(() => server.stop());

describe('knowledge hot reload (KNOWLEDGE_WATCH)', () => {
  it('picks up a good edit: the new answer is served and /readyz shows the new version', async () => {
    const before = await ready();
    expect(await widgetAnswer()).toContain('green light');
    writeFileSync(widgetFile, readFileSync(widgetFile, 'utf8').replace('green light', 'purple light'));

    const after = await until((r) => r.version !== before.version);
    expect(after.lastReload?.ok).toBe(true);
    expect(after.entries).toBe(before.entries);
    expect(await widgetAnswer()).toContain('purple light');
    expect(server.logs).toContainEqual(
      expect.objectContaining({ msg: 'knowledge reloaded', version: after.version }),
    );
  });

  it('reports a broken edit with file:line and keeps serving the last good knowledge', async () => {
    const good = await ready();
    const text = readFileSync(widgetFile, 'utf8');
    writeFileSync(widgetFile, text.replace('tags: [frobnicate, widget]', 'tags: [frobnicate, widget'));

    const broken = await until((r) => r.lastReload?.ok === false);
    expect(broken.version).toBe(good.version);
    expect(broken.lastReload?.problems.join('\n')).toMatch(
      new RegExp(`${widgetFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `),
    );
    expect(await widgetAnswer()).toContain('purple light');
    const failure = server.logs.find(
      (l) => l.msg === 'knowledge reload failed; still serving the last good version',
    );
    expect(failure).toMatchObject({ version: good.version });
    expect(JSON.stringify(failure?.problems)).toMatch(/frobnicate-widget\.md:\d+/);

    writeFileSync(widgetFile, text.replace('purple light', 'orange light'));
    const fixed = await until((r) => r.lastReload?.ok === true && r.version !== good.version);
    expect(fixed.entries).toBe(good.entries);
    expect(await widgetAnswer()).toContain('orange light');
  });
});
