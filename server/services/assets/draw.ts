/**
 * Draws a product image: a coloured rounded rectangle with a darker label band on a background (DOMAIN.md §4.4).
 * Raw RGBA, deterministic; the test fixtures and the demo seed encode it with sharp.
 */
import sharp from 'sharp';
import { prng } from '../../../shared/random/prng.ts';

export type RGB = [number, number, number];
export type RGBA = [number, number, number, number];

export interface Scene {
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

export function paint(s: Scene): Buffer {
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

/** The scene as a sharp pipeline (encode with .jpeg(), .png(), …). */
export const drawScene = (s: Scene) => sharp(paint(s), { raw: { width: s.width, height: s.height, channels: 4 } });
