import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/report.ts';
import { readCoreConfig } from '../../src/config.ts';
import { COLORS } from '../../src/report/charts.ts';
import { tempDir } from '../unit/knowledge-helpers.ts';
import { SEED_NOW, seedRecordings } from '../unit/recording-seed.ts';
import { type Browser, launchChromium } from './chromium.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SCREENSHOT = path.join(root, 'docs/report.png');

let browser: Browser | undefined;
let htmlFile: string;
const problems: string[] = [];

beforeAll(async () => {
  const dir = tempDir('berth-report-html-');
  const db = path.join(dir, 'berth.db');
  htmlFile = path.join(dir, 'report.html');
  await seedRecordings(db);
  const io = { stdin: process.stdin, stdout: new PassThrough(), stderr: new PassThrough() };
  const code = await reportCommand(
    readCoreConfig({}, root),
    // The seeded week is a small trial: one person is enough to suggest a phrasing.
    ['--db', db, '--since', '7d', '--format', 'html', '--out', htmlFile, '--min-users', '1'],
    io,
    {
      now: () => SEED_NOW,
      cwd: root,
    },
  );
  expect(code).toBe(0);
  // A file:// page has the origin "null": anything else it tried to fetch is refused and listed.
  browser = await launchChromium('null', { viewport: { width: 1000, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
});

describe('the HTML report in Chromium', () => {
  it('renders both charts and the tables from one file, fetching nothing', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`file://${htmlFile}`);

    expect(await page.locator('h1').textContent()).toBe('Berth report');
    const chart = await page.locator('#answer-rate svg').boundingBox();
    expect(chart?.width).toBeGreaterThan(600);
    expect(await page.locator('#answer-rate g.day').count()).toBe(8);
    expect(await page.locator('#unanswered g.group').count()).toBe(5);
    await expect
      .poll(() => page.locator('#unanswered g.group').first().textContent())
      .toContain('how do I rotate registry credentials');
    expect(await page.locator('#suggestions pre').allTextContents()).toEqual([
      '  - "copy or add for my tarball"',
      '  - "container keeps getting oom killed"',
    ]);
    expect(await page.locator('#feedback').textContent()).toContain(
      'I wanted the difference between cgroup v1 and v2',
    );
    expect(await page.locator('script').count()).toBe(0);
    expect(browser.foreignRequests).toEqual([]);
    expect(problems).toEqual([]);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    rmSync(SCREENSHOT, { force: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });

  it('the screenshot shows the charts drawn in their colours', () => {
    const png = PNG.sync.read(readFileSync(SCREENSHOT));
    expect(png.width).toBe(1000);
    const seen = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) {
      const hex = [png.data[i], png.data[i + 1], png.data[i + 2]]
        .map((v) => (v ?? 0).toString(16).padStart(2, '0'))
        .join('');
      seen.add(`#${hex}`);
    }
    for (const color of [COLORS.answer, COLORS.clarify, COLORS.fallback])
      expect(seen, color).toContain(color);
  });
});
