// Draws the two icons of the Teams app package (adapters/teams/app-package/): a white shipping
// container at its berth. `node dist/scripts/teams-icons.js` (after `npm run build`) rewrites them; the output
// is deterministic, and a test checks that the committed PNGs are what this script draws.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { PACKAGE_ROOT } from '../lib/package-root.ts';

type Rgba = readonly [number, number, number, number];

const ACCENT: Rgba = [0x1f, 0x5f, 0x8b, 255]; // the manifest's accentColor
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

export const APP_PACKAGE_DIR = path.join(PACKAGE_ROOT, 'adapters/teams/app-package');

/** A canvas with filled rectangles, nothing more. */
class Canvas {
  readonly png: PNG;
  constructor(size: number, background: Rgba) {
    this.png = new PNG({ width: size, height: size });
    this.fill(0, 0, size, size, background);
  }
  fill(x: number, y: number, width: number, height: number, [r, g, b, a]: Rgba): void {
    for (let row = y; row < y + height; row++)
      for (let col = x; col < x + width; col++) {
        const i = (row * this.png.width + col) * 4;
        this.png.data[i] = r;
        this.png.data[i + 1] = g;
        this.png.data[i + 2] = b;
        this.png.data[i + 3] = a;
      }
  }
  toBuffer(): Buffer {
    return PNG.sync.write(this.png, { colorType: 6 });
  }
}

/** 192x192, full colour: the container (with its corrugation) inside the central safe area, on the quay. */
export function colorIcon(): Buffer {
  const c = new Canvas(192, ACCENT);
  c.fill(36, 60, 120, 66, WHITE);
  for (let x = 48; x < 150; x += 17) c.fill(x, 68, 5, 50, ACCENT);
  c.fill(24, 136, 144, 8, WHITE);
  c.fill(40, 150, 112, 6, WHITE);
  return c.toBuffer();
}

/** 32x32, white on transparent only (as Teams requires): the same picture in outline. */
export function outlineIcon(): Buffer {
  const c = new Canvas(32, CLEAR);
  c.fill(4, 8, 24, 2, WHITE);
  c.fill(4, 20, 24, 2, WHITE);
  c.fill(4, 8, 2, 14, WHITE);
  c.fill(26, 8, 2, 14, WHITE);
  for (const x of [10, 15, 20]) c.fill(x, 12, 2, 6, WHITE);
  c.fill(2, 25, 28, 2, WHITE);
  return c.toBuffer();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(path.join(APP_PACKAGE_DIR, 'color.png'), colorIcon());
  writeFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'), outlineIcon());
  process.stdout.write(
    `wrote color.png and outline.png to ${path.relative(process.cwd(), APP_PACKAGE_DIR)}/\n`,
  );
}
