/**
 * Uncompressed BMP (BI_RGB 24/32-bit, BI_BITFIELDS 32-bit), decoded to RGBA: Walmart accepts BMP but libvips (sharp)
 * does not read it. Other variants (palette, RLE) are refused as unreadable.
 */
export interface RawImage {
  width: number;
  height: number;
  data: Buffer;
  /** Bits per pixel of the file. */
  bits: number;
}

export function decodeBmp(b: Buffer): RawImage | null {
  if (b.length < 54 || b.toString('latin1', 0, 2) !== 'BM') return null;
  const offset = b.readUInt32LE(10);
  const headerSize = b.readUInt32LE(14);
  if (headerSize < 40) return null;
  const width = b.readInt32LE(18);
  const rawHeight = b.readInt32LE(22);
  const bits = b.readUInt16LE(28);
  const compression = b.readUInt32LE(30);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height <= 0 || width * height > 100_000_000) return null;
  if (!((bits === 24 && compression === 0) || (bits === 32 && (compression === 0 || compression === 3)))) return null;
  const stride = Math.ceil((width * bits) / 32) * 4;
  if (offset + stride * height > b.length) return null;
  const data = Buffer.alloc(width * height * 4);
  const bytesPerPixel = bits / 8;
  for (let y = 0; y < height; y++) {
    // Positive height: rows are stored bottom-up.
    const src = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const p = src + x * bytesPerPixel;
      const o = (y * width + x) * 4;
      data[o] = b[p + 2]!;
      data[o + 1] = b[p + 1]!;
      data[o + 2] = b[p]!;
      data[o + 3] = 255;
    }
  }
  return { width, height, data, bits };
}

/** An RGB image as a 24-bit bottom-up BMP (tests, and anything that needs to produce one). */
export function encodeBmp(width: number, height: number, rgb: Buffer): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + stride * height;
  const b = Buffer.alloc(size);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(size, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(stride * height, 34);
  for (let y = 0; y < height; y++) {
    const dst = 54 + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 3;
      b[dst + x * 3] = rgb[s + 2]!;
      b[dst + x * 3 + 1] = rgb[s + 1]!;
      b[dst + x * 3 + 2] = rgb[s]!;
    }
  }
  return b;
}
