/**
 * An upload is decoded in full before it is stored. The magic bytes (sniff.ts) only say what a file claims to be: a
 * PNG signature followed by random bytes, a truncated file or a decompression bomb passes them. Here the header's
 * dimensions are checked against a pixel limit first (reading a header costs nothing, whatever it declares), then
 * every pixel of every frame is decoded with libvips failing on errors. sharp works off the event loop.
 */
import sharp, { type Metadata } from 'sharp';
import { decodeBmp } from './bmp.ts';
import type { ImageFormat } from './sniff.ts';

/**
 * Most pixels an upload may decode to, over all its frames: 100 megapixels (10,000 × 10,000). That is above every
 * retailer's largest image (Amazon zooms to 10,000 px on the longest side), the limit the BMP decoder already had,
 * and keeps measuring an image (its RGBA pixels in memory, 4 bytes each) under 400 MB. sharp's own default
 * (268 MP) would let one upload hold more than 1 GB while it is measured.
 */
export const MAX_IMAGE_PIXELS = 100_000_000;

export type ImageRefusal = 'incomplete' | 'too_large';

export class ImageRefusedError extends Error {
  constructor(
    message: string,
    readonly reason: ImageRefusal,
  ) {
    super(message);
    this.name = 'ImageRefusedError';
  }
}

export interface DecodedImage {
  width: number;
  /** Of one frame. */
  height: number;
  frames: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Decodes every pixel; throws ImageRefusedError saying what is wrong. */
export async function decodeFully(bytes: Buffer, format: ImageFormat, limit = MAX_IMAGE_PIXELS): Promise<DecodedImage> {
  const name = format.toUpperCase();
  const incomplete = (detail: string) => new ImageRefusedError(`The file is not a complete image: the ${name} could not be decoded (${detail}).`, 'incomplete');
  if (format === 'bmp') return decodeBmpFully(bytes, limit, incomplete);

  let meta: Metadata;
  try {
    // Only the header is read here, so no limit is needed to read it safely.
    meta = await sharp(bytes, { pages: -1, failOn: 'error', limitInputPixels: false }).metadata();
  } catch (err) {
    throw incomplete(detailOf(err));
  }
  const frames = Math.max(1, meta.pages ?? 1);
  const width = meta.width ?? 0;
  const height = frames > 1 && meta.pageHeight ? meta.pageHeight : (meta.height ?? 0);
  if (!width || !height) throw incomplete('no dimensions');
  checkPixels(width, height, frames, limit);
  try {
    // stats() reads every pixel of every frame; the limit again in case the header lied about its frames.
    await sharp(bytes, { pages: -1, failOn: 'error', limitInputPixels: limit }).stats();
  } catch (err) {
    throw incomplete(detailOf(err));
  }
  return { width, height, frames };
}

function checkPixels(width: number, height: number, frames: number, limit: number) {
  if (width * height * frames <= limit) return;
  const size = `${fmt(width)}×${fmt(height)} pixels${frames > 1 ? ` × ${fmt(frames)} frames` : ''}`;
  throw new ImageRefusedError(`The image is too large: ${size}; the limit is ${fmt(limit)} pixels (${limit / 1_000_000} megapixels).`, 'too_large');
}

/** libvips cannot read BMP; our own decoder reads the variants retailers accept and checks the data is all there. */
function decodeBmpFully(bytes: Buffer, limit: number, incomplete: (detail: string) => ImageRefusedError): DecodedImage {
  if (bytes.length < 26) throw incomplete('the header is cut short');
  const width = bytes.readInt32LE(18);
  const height = Math.abs(bytes.readInt32LE(22));
  if (width <= 0 || height <= 0) throw incomplete('no dimensions');
  checkPixels(width, height, 1, limit);
  if (!decodeBmp(bytes)) throw incomplete('truncated, or a variant other than uncompressed 24/32-bit');
  return { width, height, frames: 1 };
}

/** libvips's message without its plumbing ("Input buffer has corrupt header: gifload_buffer: …"). */
function detailOf(err: unknown): string {
  const message = (err as Error).message.split('\n')[0]!.trim();
  return message.replace(/^Input buffer (has corrupt header|contains unsupported image format):?\s*/i, '').replace(/^\w+load_buffer:\s*/, '') || 'corrupt or truncated data';
}
