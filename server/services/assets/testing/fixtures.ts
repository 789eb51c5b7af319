/**
 * The image fixtures of DOMAIN.md §4.4, drawn at test (or seed) time with sharp: a "product" is a coloured rounded
 * rectangle with a darker label band on a background. Deterministic: the same name always gives the same bytes.
 */
import sharp from 'sharp';
import { encodeBmp } from '../bmp.ts';
import { drawScene, type RGBA, type Scene } from '../draw.ts';

const raw = drawScene;
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
  /** Walmart accepts BMP, Amazon does not (sharp cannot write BMP: encoded here). */
  'product.bmp': async () => {
    const { data, info } = await raw(square(1200, 0.9)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return encodeBmp(info.width, info.height, data);
  },
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
