import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodePng, type RgbaImage } from './png';

/**
 * Draws the two Teams app icons and writes them to appPackage/ (run once: `tsx scripts/make-icons.ts`;
 * the PNGs are committed). The glyph is a heart with a tick cut out of it: "health check".
 *
 * - color.png   192x192: a deep teal (#0F6E6E, the manifest's accentColor) rounded square,
 *               the heart in white, the tick showing the teal through it.
 * - outline.png 32x32: the same heart in white on transparent, the tick transparent.
 *   Edges are anti-aliased with alpha only: every pixel is white, at some opacity.
 */

const TEAL: Rgba = [0x0f, 0x6e, 0x6e, 255];
const WHITE: Rgba = [0xff, 0xff, 0xff, 255];

type Rgba = readonly [number, number, number, number];

// Local copies: under Jest every lookup of the global `Math` goes through the sandbox's global, which is slow.
const { sqrt, min, max, round } = Math;

/** Samples per pixel along each axis (so SUPERSAMPLE² samples a pixel). */
const SUPERSAMPLE = 8;

/** Heart-curve coordinates: x across, y up. The curve spans x ±1.14, y from -1 to about 1.24. */
const HEART_CENTRE_Y = 0.12;
const HEART_HALF_HEIGHT = 1.12;

function insideHeart(x: number, y: number): boolean {
  const a = x * x + y * y - 1;
  return a * a * a - x * x * y * y * y <= 0;
}

/** The tick, in heart coordinates: a short stroke down to the right, then a long one up. */
const TICK: ReadonlyArray<readonly [number, number]> = [
  [-0.52, 0.2],
  [-0.14, -0.2],
  [0.56, 0.56],
];

function distanceToSegment(px: number, py: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return sqrt(ex * ex + ey * ey);
}

function onTick(x: number, y: number, halfWidth: number): boolean {
  for (let i = 0; i + 1 < TICK.length; i++) {
    if (distanceToSegment(x, y, TICK[i] as readonly [number, number], TICK[i + 1] as readonly [number, number]) <= halfWidth) return true;
  }
  return false;
}

function insideRoundedSquare(u: number, v: number, radius: number): boolean {
  // u, v in [0, 1]; radius as a fraction of the side.
  const cx = min(max(u, radius), 1 - radius);
  const cy = min(max(v, radius), 1 - radius);
  return (u - cx) * (u - cx) + (v - cy) * (v - cy) <= radius * radius;
}

type Shader = (u: number, v: number) => Rgba | undefined;

/** Renders a shader (u, v in [0, 1], v down; undefined = transparent) with supersampling. */
function render(size: number, shade: Shader, transparent: Rgba): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = shade((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          g += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const o = (py * size + px) * 4;
      if (a === 0) data.set(transparent, o);
      else data.set([round(r / a), round(g / a), round(b / a), round((a / n) * 255)], o);
    }
  }
  return { width: size, height: size, data };
}

/** Maps icon coordinates to heart coordinates, the heart filling `span` of the icon's height. */
function toHeart(u: number, v: number, span: number): [number, number] {
  const scale = (2 * HEART_HALF_HEIGHT) / span;
  return [(u - 0.5) * scale, (0.5 - v) * scale + HEART_CENTRE_Y];
}

/** 192x192 full-colour icon. */
export function drawColorIcon(): RgbaImage {
  return render(
    192,
    (u, v) => {
      if (!insideRoundedSquare(u, v, 0.18)) return undefined;
      // The heart sits within the central ~60% (Teams' safe area for the colour icon).
      const [x, y] = toHeart(u, v, 0.56);
      if (insideHeart(x, y) && !onTick(x, y, 0.13)) return WHITE;
      return TEAL;
    },
    [0, 0, 0, 0],
  );
}

/** 32x32 outline icon: white on transparent only. */
export function drawOutlineIcon(): RgbaImage {
  return render(
    32,
    (u, v) => {
      const [x, y] = toHeart(u, v, 0.84);
      if (insideHeart(x, y) && !onTick(x, y, 0.15)) return WHITE;
      return undefined;
    },
    // Fully transparent pixels are white too, so no validator can read them as another colour.
    [0xff, 0xff, 0xff, 0],
  );
}

export function writeIcons(dir: string): string[] {
  const files: Array<[string, RgbaImage]> = [
    ['color.png', drawColorIcon()],
    ['outline.png', drawOutlineIcon()],
  ];
  return files.map(([name, image]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, encodePng(image));
    return file;
  });
}

if (require.main === module) {
  for (const file of writeIcons(path.resolve(__dirname, '..', 'appPackage'))) console.log(`wrote ${path.relative(process.cwd(), file) || file}`);
}
