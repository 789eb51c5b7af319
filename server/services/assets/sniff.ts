/**
 * What a file really is, from its first bytes (DOMAIN.md F14 step 1): the extension and the client's mime type are
 * never trusted. Also the two facts sharp does not report the way the retailer rules need them: whether a GIF has
 * more than one frame, and how many components a JPEG's frame header declares (4 = CMYK).
 */
export const IMAGE_FORMATS = ['jpeg', 'png', 'gif', 'tiff', 'webp', 'bmp'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const FORMAT_MIME = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  tiff: 'image/tiff',
  webp: 'image/webp',
  bmp: 'image/bmp',
} as const satisfies Record<ImageFormat, string>;

export const FORMAT_EXT = { jpeg: 'jpg', png: 'png', gif: 'gif', tiff: 'tif', webp: 'webp', bmp: 'bmp' } as const satisfies Record<ImageFormat, string>;

const ascii = (b: Uint8Array, at: number, s: string) => b.length >= at + s.length && [...s].every((c, i) => b[at + i] === c.charCodeAt(0));

/** The format by magic bytes, or null when it is none of the six image formats we accept. */
export function sniffFormat(b: Uint8Array): ImageFormat | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 'PNG') && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'gif';
  if ((ascii(b, 0, 'II') && b[2] === 0x2a && b[3] === 0) || (ascii(b, 0, 'MM') && b[2] === 0 && b[3] === 0x2a)) return 'tiff';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'webp';
  if (ascii(b, 0, 'BM') && b.length >= 26) return 'bmp';
  return null;
}

/** Frames in a GIF: walks the block structure (a 0x2C byte inside LZW data is not a frame). */
export function gifFrameCount(b: Uint8Array): number {
  if (sniffFormat(b) !== 'gif' || b.length < 13) return 0;
  let p = 13;
  const flags = b[10]!;
  if (flags & 0x80) p += 3 * (1 << ((flags & 0x07) + 1));
  const skipSubBlocks = () => {
    while (p < b.length) {
      const n = b[p++]!;
      if (n === 0) return;
      p += n;
    }
  };
  let frames = 0;
  while (p < b.length) {
    const tag = b[p++];
    if (tag === 0x3b) break; // trailer
    if (tag === 0x21) {
      p++; // label
      skipSubBlocks();
    } else if (tag === 0x2c) {
      frames++;
      const local = b[p + 8]!;
      p += 9;
      if (local & 0x80) p += 3 * (1 << ((local & 0x07) + 1));
      p++; // LZW minimum code size
      skipSubBlocks();
    } else break;
  }
  return frames;
}

/** Components declared by the first SOF segment of a JPEG (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK), or null. */
export function jpegComponents(b: Uint8Array): number | null {
  if (sniffFormat(b) !== 'jpeg') return null;
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return null;
    const marker = b[p + 1]!;
    if (marker === 0xff) {
      p++;
      continue;
    }
    const len = (b[p + 2]! << 8) | b[p + 3]!;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): Nf is at offset 9 of the segment.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return b[p + 9] ?? null;
    if (marker === 0xda || marker === 0xd9) return null;
    p += 2 + len;
  }
  return null;
}
