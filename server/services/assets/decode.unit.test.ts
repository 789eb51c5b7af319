import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeFully, ImageRefusedError, MAX_IMAGE_PIXELS } from './decode.ts';
import { sniffFormat } from './sniff.ts';
import { noise, PNG_SIGNATURE, pngBomb, signatureThenNoise, truncated } from './testing/broken-images.ts';
import { fixture, FIXTURES } from './testing/fixtures.ts';

const decode = (bytes: Buffer) => decodeFully(bytes, sniffFormat(bytes)!);
const refusal = (bytes: Buffer) =>
  decode(bytes).then(
    () => null,
    (err: unknown) => (err instanceof ImageRefusedError ? { reason: err.reason, message: err.message } : { reason: 'other', message: String(err) }),
  );

describe('decodeFully', () => {
  it.each(Object.keys(FIXTURES))('decodes the fixture %s', async (name) => {
    const bytes = await fixture(name as keyof typeof FIXTURES);
    expect(await decode(bytes)).toMatchObject({ width: expect.any(Number), height: expect.any(Number) });
  });

  it('counts the frames of an animated GIF', async () => {
    expect(await decode(await fixture('animated.gif'))).toEqual({ width: 600, height: 600, frames: 2 });
  });

  it.each([
    ['a truncated PNG', async () => truncated(await fixture('tiny_400.png'), 0.6), /not a complete image: the PNG could not be decoded/],
    ['a PNG signature then random bytes', async () => signatureThenNoise(PNG_SIGNATURE), /not a complete image: the PNG/],
    ['a GIF signature then random bytes', async () => signatureThenNoise('GIF89a'), /not a complete image: the GIF/],
    ['a truncated GIF', async () => truncated(await fixture('static.gif')), /not a complete image: the GIF/],
    ['a truncated JPEG', async () => truncated(await fixture('small_800.jpg')), /not a complete image: the JPEG could not be decoded \(VipsJpeg: premature end of JPEG image\)/],
    ['a truncated WebP', async () => truncated(await fixture('hero.webp')), /not a complete image: the WEBP/],
    ['a truncated BMP', async () => truncated(await fixture('product.bmp')), /not a complete image: the BMP could not be decoded \(truncated/],
    ['a JPEG signature then random bytes', async () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), noise(4096)]), /not a complete image: the JPEG/],
  ])('refuses %s as incomplete', async (_label, make, message) => {
    expect(await refusal(await make())).toEqual({ reason: 'incomplete', message: expect.stringMatching(message) });
  });

  it('refuses a decompression bomb from its header, before decoding a pixel', async () => {
    const bomb = await pngBomb(30_000, 30_000);
    expect(bomb.length).toBeLessThan(200_000);
    const started = Date.now();
    expect(await refusal(bomb)).toEqual({ reason: 'too_large', message: 'The image is too large: 30,000×30,000 pixels; the limit is 100,000,000 pixels (100 megapixels).' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('takes an image exactly at the limit, not a pixel more, and counts every frame towards it', async () => {
    expect(MAX_IMAGE_PIXELS).toBe(100_000_000);
    expect(await decodeFully(await pngBomb(2000, 2000), 'png', 4_000_000)).toEqual({ width: 2000, height: 2000, frames: 1 });
    await expect(decodeFully(await pngBomb(2001, 2000), 'png', 4_000_000)).rejects.toThrow('The image is too large: 2,001×2,000 pixels; the limit is 4,000,000 pixels (4 megapixels).');
    await expect(decodeFully(await fixture('animated.gif'), 'gif', 600 * 600 * 2 - 1)).rejects.toThrow('The image is too large: 600×600 pixels × 2 frames; the limit is 719,999 pixels');
  });

  it('accepts bytes after a complete image (they are not pixels), but not a header whose data is garbage', async () => {
    const png = await fixture('tiny_400.png');
    expect(await decode(Buffer.concat([png, noise(2048)]))).toMatchObject({ width: 400, height: 400 });
    const header = png.subarray(0, 33); // signature + IHDR
    expect(await refusal(Buffer.concat([header, noise(4096)]))).toMatchObject({ reason: 'incomplete' });
    expect((await sharp(png).metadata()).width).toBe(400);
  });
});
