/**
 * The image fixtures of DOMAIN.md §4.4, drawn at test (or seed) time with sharp: a "product" is a coloured rounded
 * rectangle with a darker label band on a background. Deterministic: the same name always gives the same bytes.
 */
import sharp from 'sharp';
import { prng } from '../../testing/prng.ts';

type RGB = [number, number, number];
type RGBA = [number, number, number, number];

interface Scene {
  width: number;
  height: number;
  background: RGBA;
  /** Product box size (centred unless `at` is given). */
  product: { width: number; height: number; color?: RGB; label?: RGB; at?: [number, number]; verticalLabel?: boolean };
  /** Rows of the product filled with noise (incompressible bytes, for the file-size rule). */
  noiseRows?: number;
  /** A red banner block over the top-left of the product (a "NEW!" sticker). */
  banner?: boolean;
  /** Lower half of the background in a second colour (a table top in a scene). */
  floor?: RGB;
}

function paint(s: Scene): Buffer {
  const { width: w, height: h } = s;
  const px = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) px.set(s.background, i * 4);
  if (s.floor) for (let y = Math.floor(h * 0.6); y < h; y++) for (let x = 0; x < w; x++) px.set([...s.floor, 255], (y * w + x) * 4);
  const p = s.product;
  const x0 = p.at?.[0] ?? Math.floor((w - p.width) / 2);
  const y0 = p.at?.[1] ?? Math.floor((h - p.height) / 2);
  const r = Math.floor(Math.min(p.width, p.height) * 0.05);
  const color = p.color ?? [176, 92, 38];
  const label = p.label ?? [92, 44, 20];
  const rand = prng(42);
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      // Rounded corners: skip points outside the corner circles.
      const cx = x < r ? r - x : x >= p.width - r ? x - (p.width - r - 1) : 0;
      const cy = y < r ? r - y : y >= p.height - r ? y - (p.height - r - 1) : 0;
      if (cx * cx + cy * cy > r * r) continue;
      const i = ((y0 + y) * w + x0 + x) * 4;
      if (s.noiseRows && y >= r && y < r + s.noiseRows) {
        px.set([Math.floor(rand() * 200), Math.floor(rand() * 200), Math.floor(rand() * 200), 255], i);
        continue;
      }
      const inLabel = p.verticalLabel ? x > p.width * 0.35 && x < p.width * 0.65 : y > p.height * 0.35 && y < p.height * 0.65;
      px.set([...(inLabel ? label : color), 255], i);
    }
  }
  if (s.banner) {
    for (let y = y0; y < y0 + Math.floor(p.height * 0.15); y++) for (let x = x0; x < x0 + Math.floor(p.width * 0.4); x++) px.set([220, 20, 30, 255], (y * w + x) * 4);
  }
  return px;
}

const raw = (s: Scene) => sharp(paint(s), { raw: { width: s.width, height: s.height, channels: 4 } });
const WHITE: RGBA = [255, 255, 255, 255];
const square = (side: number, fill: number, extra: Partial<Scene> = {}): Scene => ({ width: side, height: side, background: WHITE, product: { width: Math.round(side * fill), height: Math.round(side * fill) }, ...extra });
const jpeg = (s: Scene) => raw(s).flatten({ background: '#ffffff' }).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer();
const png = (s: Scene) => raw(s).png().toBuffer();

export const FIXTURES = {
  'ok_2000.jpg': () => jpeg(square(2000, 0.9)),
  'small_800.jpg': () => jpeg(square(800, 0.9)),
  'tiny_400.png': () => png(square(400, 0.9)),
  'offwhite_bg.jpg': () => jpeg(square(2000, 0.9, { background: [245, 245, 245, 255] })),
  'low_fill.png': () => png(square(2000, 0.55)),
  'static.gif': () => raw(square(1200, 0.9)).gif({ dither: 0 }).toBuffer(),
  'animated.gif': async () => {
    const a = await png(square(600, 0.9));
    const b = await png(square(600, 0.9, { product: { width: 540, height: 540, color: [40, 90, 170] } }));
    return sharp([a, b], { join: { animated: true } }).gif({ dither: 0 }).toBuffer();
  },
  'hero.webp': () => raw(square(1200, 0.9)).webp({ quality: 90 }).toBuffer(),
  'nonsquare.jpg': () => jpeg({ width: 2000, height: 1200, background: WHITE, product: { width: 1800, height: 1080 } }),
  'big_6mb.png': () => png(square(3000, 0.9, { noiseRows: 800 })),
  'cmyk.jpg': () => raw(square(2000, 0.9)).flatten({ background: '#ffffff' }).jpeg({ quality: 92 }).toColourspace('cmyk').toBuffer(),
  'transparent.png': () => png(square(2000, 0.9, { background: [0, 0, 0, 0] })),
  'text_overlay.png': () => png(square(2000, 0.9, { banner: true })),
  'lifestyle.jpg': () => jpeg({ width: 1600, height: 1600, background: [70, 120, 60, 255], floor: [120, 80, 45], product: { width: 500, height: 700 } }),
  'old_pack_11.jpg': () => jpeg(square(1000, 0.9, { product: { width: 900, height: 900, label: [30, 60, 140] } })),
  'new_pack_11.jpg': () => jpeg(square(1000, 0.9, { product: { width: 900, height: 900, label: [230, 200, 40], color: [60, 140, 70], verticalLabel: true } })),
} satisfies Record<string, () => Promise<Buffer>>;

export type FixtureName = keyof typeof FIXTURES;

const cache = new Map<string, Promise<Buffer>>();
/** A fixture's bytes (memoized per process). */
export function fixture(name: FixtureName): Promise<Buffer> {
  if (!cache.has(name)) cache.set(name, FIXTURES[name]());
  return cache.get(name)!;
}
