/**
 * Difference hash (dHash) of an image: grey 9×8, one bit per horizontally adjacent pair (left brighter than right),
 * 64 bits as 16 hex characters. Robust to resizing and recompression, so a re-encoded copy of the approved image
 * stays within a few bits while a different pack shot does not (DOMAIN.md §3.4: ≤ 10/64 = same image).
 */
import sharp from 'sharp';

export async function dHash(bytes: Buffer): Promise<string> {
  const { data } = await sharp(bytes).flatten({ background: '#ffffff' }).greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  let hex = '';
  for (let y = 0; y < 8; y++) {
    let byte = 0;
    for (let x = 0; x < 8; x++) byte = (byte << 1) | (data[y * 9 + x]! > data[y * 9 + x + 1]! ? 1 : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) return 64;
  let d = 0;
  for (let i = 0; i < a.length; i += 2) {
    let x = parseInt(a.slice(i, i + 2), 16) ^ parseInt(b.slice(i, i + 2), 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}
