/**
 * Measurements the image rules need (DOMAIN.md §3.1 "Implementable measurements"), computed once per asset with sharp.
 * Border whiteness and fill ratio read the first frame's pixels converted to sRGB with alpha, so a transparent
 * background never counts as white (Amazon renders transparency as non-white).
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import { z } from 'zod';
import { decodeBmp } from './bmp.ts';
import { gifFrameCount, jpegComponents, sniffFormat, type ImageFormat } from './sniff.ts';

/** How pixels are classed; numbers, so a retailer's rules can tighten them (defaults are §3.1's). */
export const MeasurementParamsSchema = z
  .object({
    /** Border band: max(bandMinPx, bandRatio × side). */
    bandMinPx: z.number().int().positive().default(4),
    bandRatio: z.number().positive().max(0.5).default(0.02),
    /** A border pixel is white when min(R,G,B) ≥ whiteMin and it is opaque. */
    whiteMin: z.number().int().min(0).max(255).default(254),
    /** A pixel is product (not background) when min(R,G,B) < backgroundMin and it is not transparent. */
    backgroundMin: z.number().int().min(0).max(255).default(245),
  })
  .strict();
export type MeasurementParams = z.infer<typeof MeasurementParamsSchema>;
export const DEFAULT_MEASUREMENT: MeasurementParams = MeasurementParamsSchema.parse({});

export type ColorClass = 'rgb' | 'cmyk' | 'gray' | 'other';

export interface ImageMetrics {
  format: ImageFormat;
  width: number;
  height: number;
  longestSide: number;
  shortestSide: number;
  /** width / height */
  aspect: number;
  bytes: number;
  channels: number;
  colorSpace: ColorClass;
  /** Bits per channel (8 for ordinary images). */
  bitsPerChannel: number | null;
  density: number | null;
  frames: number;
  isAnimated: boolean;
  hasAlpha: boolean;
  borderWhiteRatio: number;
  /** Longest-dimension coverage of the product's bounding box: max(bw/W, bh/H). */
  fillRatio: number;
  /** Bounding-box area over image area (for information). */
  fillAreaRatio: number;
  dhash: string;
}

export class NotAnImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAnImageError';
  }
}

const BITS: Record<string, number> = { uchar: 8, char: 8, ushort: 16, short: 16, uint: 32, int: 32, float: 32, double: 64 };

function colorClass(space: string | undefined, components: number | null): ColorClass {
  if (components === 4 || space === 'cmyk') return 'cmyk';
  if (space === 'b-w' || space === 'grey16') return 'gray';
  if (space === 'srgb' || space === 'rgb' || space === 'rgb16' || space === 'scrgb') return 'rgb';
  return 'other';
}

/**
 * The bytes as a sharp pipeline over their first frame; BMP (which libvips cannot read) is decoded here first.
 * Throws NotAnImageError when the bytes are not an image we can read.
 */
export function openImage(bytes: Buffer): Sharp {
  if (sniffFormat(bytes) === 'bmp') {
    const bmp = decodeBmp(bytes);
    if (!bmp) throw new NotAnImageError('unsupported BMP variant (only uncompressed 24/32-bit BMP is read)');
    return sharp(bmp.data, { raw: { width: bmp.width, height: bmp.height, channels: 4 } });
  }
  return sharp(bytes, { pages: 1 });
}

/** Reads and measures an image; throws NotAnImageError for bytes that are not a decodable image. */
export async function measureImage(bytes: Buffer, params: MeasurementParams = DEFAULT_MEASUREMENT): Promise<ImageMetrics> {
  const format = sniffFormat(bytes);
  if (!format) throw new NotAnImageError('not a JPEG, PNG, GIF, TIFF, WebP or BMP file');
  let meta: Metadata;
  try {
    meta = format === 'bmp' ? bmpMetadata(bytes) : await sharp(bytes).metadata();
  } catch (err) {
    if (err instanceof NotAnImageError) throw err;
    throw new NotAnImageError(`could not decode the ${format.toUpperCase()}: ${(err as Error).message}`);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight && meta.pages && meta.pages > 1 ? meta.pageHeight : (meta.height ?? 0);
  if (!width || !height) throw new NotAnImageError('the image has no dimensions');
  const frames = format === 'gif' ? gifFrameCount(bytes) : (meta.pages ?? 1);
  const components = format === 'jpeg' ? jpegComponents(bytes) : null;
  const pixels = await rgbaPixels(bytes, width, height);
  const { borderWhiteRatio, fillRatio, fillAreaRatio } = pixelMetrics(pixels, width, height, params);
  return {
    format,
    width,
    height,
    longestSide: Math.max(width, height),
    shortestSide: Math.min(width, height),
    aspect: round(width / height, 4),
    bytes: bytes.length,
    channels: components ?? meta.channels ?? 3,
    colorSpace: colorClass(meta.space, components),
    bitsPerChannel: meta.depth ? (BITS[meta.depth] ?? null) : null,
    density: meta.density ?? null,
    frames,
    isAnimated: frames > 1,
    hasAlpha: meta.hasAlpha ?? false,
    borderWhiteRatio: round(borderWhiteRatio, 4),
    fillRatio: round(fillRatio, 4),
    fillAreaRatio: round(fillAreaRatio, 4),
    // From the pixels already decoded: a second decode of a large JPEG costs more than the rest of the measuring.
    dhash: await dhashOf(sharp(pixels, { raw: { width, height, channels: 4 } })),
  };
}

function bmpMetadata(bytes: Buffer): Metadata {
  const bmp = decodeBmp(bytes);
  if (!bmp) throw new NotAnImageError('unsupported BMP variant (only uncompressed 24/32-bit BMP is read)');
  return { width: bmp.width, height: bmp.height, channels: 3, space: 'srgb', depth: 'uchar', hasAlpha: false, pages: 1 } as Metadata;
}

async function rgbaPixels(bytes: Buffer, width: number, height: number): Promise<Buffer> {
  const { data, info } = await openImage(bytes).toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height || info.channels !== 4) throw new NotAnImageError('unexpected decoded size');
  return data;
}

/** Border whiteness and product fill over RGBA pixels (pure; exported for unit tests). */
export function pixelMetrics(px: Uint8Array, w: number, h: number, p: MeasurementParams) {
  const band = (side: number) => Math.min(Math.ceil(side / 2), Math.max(p.bandMinPx, Math.round(side * p.bandRatio)));
  const bx = band(w);
  const by = band(h);
  let white = 0;
  let border = 0;
  let minX = w;
  let minY = h;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < h; y++) {
    const inBandY = y < by || y >= h - by;
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const m = Math.min(px[i]!, px[i + 1]!, px[i + 2]!);
      const a = px[i + 3]!;
      if (inBandY || x < bx || x >= w - bx) {
        border++;
        if (a === 255 && m >= p.whiteMin) white++;
      }
      if (a >= 128 && m < p.backgroundMin) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  const bw = maxX >= 0 ? maxX - minX + 1 : 0;
  const bh = maxY >= 0 ? maxY - minY + 1 : 0;
  return { borderWhiteRatio: border ? white / border : 0, fillRatio: Math.max(bw / w, bh / h), fillAreaRatio: (bw * bh) / (w * h) };
}

/** 64-bit difference hash: greyscale 9×8, one bit per horizontal gradient, as 16 hex digits. */
export function dhash(bytes: Buffer): Promise<string> {
  return dhashOf(openImage(bytes));
}

async function dhashOf(image: Sharp): Promise<string> {
  const g = await image.flatten({ background: '#ffffff' }).greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  let bits = 0n;
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bits = (bits << 1n) | (g[y * 9 + x]! > g[y * 9 + x + 1]! ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
}

/** Hamming distance between two dHashes; ≤ 10 means "the same image" (§3.1). */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== 16 || b.length !== 16) return 64; // not comparable: as different as can be
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
