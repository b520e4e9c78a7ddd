import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/check.ts';
import { entriesDue, parseAge } from '../../src/knowledge/freshness.ts';
import { loadKnowledgeOrThrow } from '../../src/knowledge/knowledge-base.ts';
import { checkLinks } from '../../src/knowledge/link-check.ts';

const MINI = new URL('../fixtures/knowledge-mini', import.meta.url).pathname;

/** A local stand-in for documentation sites: each path answers the way a real site might. */
let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/ok' || path.endsWith('cgroups.7.html') || path === '/build/building/multi-stage/')
      res.end('ok');
    else if (path === '/head-refused') res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    else if (path === '/moved' || path === '/develop/develop-images/multistage-build/')
      res.writeHead(301, { location: path === '/moved' ? '/ok' : '/build/building/multi-stage/' }).end();
    else if (path === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (path === '/slow') setTimeout(() => res.end('late'), 2_000);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function capture(): { io: Parameters<typeof checkCommand>[2]; out: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => {
    text += c.toString();
  });
  return { io: { stdin: new PassThrough(), stdout, stderr }, out: () => text };
}

describe('berth check --links', () => {
  it('reports dead links, links that moved (with the address to paste) and refused HEADs as fine', async () => {
    const urls = new Map(
      ['/ok', '/gone', '/moved', '/head-refused', '/loop', '/slow'].map((p) => [
        `${origin}${p}`,
        ['some-entry'],
      ]),
    );
    const { offline, results } = await checkLinks(urls, { timeoutMs: 300, maxRedirects: 3 });
    expect(offline).toBe(false);
    expect(Object.fromEntries(results.map((r) => [r.url.replace(origin, ''), r.status]))).toEqual({
      '/ok': { kind: 'ok' },
      '/gone': { kind: 'dead', reason: 'HTTP 404' },
      '/moved': { kind: 'redirect', location: `${origin}/ok` },
      '/head-refused': { kind: 'ok' },
      '/loop': { kind: 'dead', reason: 'more than 3 redirects' },
      '/slow': { kind: 'dead', reason: 'timed out' },
    });
  });

  it('says it is offline and skips, instead of calling every link dead, when nothing can be reached', async () => {
    const closed = new Map([
      ['http://127.0.0.1:1/a', ['x']],
      ['http://127.0.0.1:1/b', ['y']],
    ]);
    expect((await checkLinks(closed, { timeoutMs: 500 })).offline).toBe(true);
    const { io, out } = capture();
    const code = await checkCommand([MINI], ['--links'], io, {
      linkOptions: { fetch: (_url, init) => fetch('http://127.0.0.1:1/', init) },
    });
    expect(code).toBe(0);
    expect(out()).toContain('links: offline (none of 4 links could be reached); link check skipped');
  });

  it('prints each problem with the entries that use the link, and fails on a dead one', async () => {
    const { io, out } = capture();
    // Every documentation host is answered by the local stand-in, path for path.
    const local: typeof fetch = (url, init) => {
      const u = new URL(String(url));
      return fetch(`${origin}${u.pathname}`, init);
    };
    const code = await checkCommand([MINI], ['--links'], io, {
      linkOptions: { fetch: local, timeoutMs: 1_000 },
    });
    expect(
      out()
        .split('\n')
        .filter((l) => /^(dead|moved|links):/.test(l)),
    ).toEqual([
      'dead: https://man7.org/linux/man-pages/man7/namespaces.7.html (HTTP 404) in what-is-a-namespace',
      'moved: https://docs.docker.com/develop/develop-images/multistage-build/ -> https://docs.docker.com/build/building/multi-stage/ in why-image-so-big',
      'links: 4 checked, 1 dead, 1 redirected',
    ]);
    expect(code).toBe(1);
  });
});

describe('berth check --stale', () => {
  it('parses ages and rejects what is not one', () => {
    expect(parseAge('90d')).toBe(90);
    expect(parseAge('2w')).toBe(14);
    expect(parseAge('1y')).toBeCloseTo(365.25);
    expect(() => parseAge('12 months')).toThrow('"12 months" is not an age like 90d, 6w, 12m or 1y');
  });

  it('lists the entries not reviewed within the age, oldest first, with file and line', async () => {
    const kb = loadKnowledgeOrThrow([MINI]);
    const due = entriesDue(kb, 365, new Date('2026-12-01T00:00:00Z'));
    expect(due.map((d) => [d.entry.id, d.ageDays])).toEqual([['what-is-a-namespace', 548]]);
    const { io, out } = capture();
    expect(await checkCommand([MINI], ['--stale', '3d'], io, { cwd: MINI })).toBe(0);
    const lines = out().trim().split('\n');
    expect(lines[1]).toMatch(/^basics\/what-is-a-namespace\.md:13: reviewed 2025-06-01 \(\d+ days ago\)$/);
    expect(lines.at(-1)).toBe('3 of 3 entries are due for review (not reviewed within 3d)');
  });
});
