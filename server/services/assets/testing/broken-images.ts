/**
 * Files that pass the magic-byte sniff but are not complete images, for the upload tests: truncated, a signature
 * followed by random bytes, and a decompression bomb (a valid PNG declaring 30,000 × 30,000 pixels in ~110 KB).
 * Random bytes come from a seeded generator, so a failure reproduces.
 */
import zlib from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Deterministic noise (xorshift32). */
export function noise(length: number, seed = 12): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export const truncated = (bytes: Buffer, keep = 0.5) => bytes.subarray(0, Math.floor(bytes.length * keep));

export const signatureThenNoise = (signature: Buffer | string, length = 4096) => Buffer.concat([typeof signature === 'string' ? Buffer.from(signature, 'latin1') : signature, noise(length)]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const b of buf) crc = CRC_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/**
 * A complete, valid 1-bit greyscale PNG of `width` × `height` black pixels. Its rows of zeros deflate about
 * 1,000:1, so 30,000 × 30,000 (900 megapixels) is ~110 KB on disk. Deflated in a stream, never held uncompressed.
 */
export async function pngBomb(width = 30_000, height = 30_000): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * 100); // 100 rows: filter byte 0, then the pixels
  const deflate = zlib.createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  for (let y = 0; y < height; y += 100) {
    const n = Math.min(100, height - y);
    if (!deflate.write(n === 100 ? rows : rows.subarray(0, (1 + Math.ceil(width / 8)) * n))) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', Buffer.concat(out)), chunk('IEND', Buffer.alloc(0))]);
}
