/**
 * The image rules on the generated fixtures of DOMAIN.md §4.4, exactly as F14's test list says, plus the pure
 * pieces underneath: magic-byte sniffing, GIF frames, JPEG components, dHash, per-category overrides.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_RULES } from './default-rules.ts';
import { dhash, hammingDistance, measureImage, NotAnImageError, type ImageMetrics } from './measure.ts';
import { evaluateImageRules, ImageRulesSchema, rulesFor, type Evaluation } from './rules.ts';
import { gifFrameCount, jpegComponents, sniffFormat } from './sniff.ts';
import { fixture, type FixtureName } from './testing/fixtures.ts';
import type { AssetRole } from '../../../shared/assets/vocab.ts';

const RETAILERS = ['amazon_us', 'walmart_us', 'target_plus'] as const;
const metrics = new Map<FixtureName, ImageMetrics>();

async function measured(name: FixtureName) {
  if (!metrics.has(name)) metrics.set(name, await measureImage(await fixture(name)));
  return metrics.get(name)!;
}

/** Every retailer's failed rules for a fixture: `{amazon_us: ['AMZ_IMG_ZOOM:warning'], …}`. */
async function failures(name: FixtureName, role: AssetRole = 'main') {
  const m = await measured(name);
  const out: Record<string, string[]> = {};
  const evals: Record<string, Evaluation> = {};
  for (const r of RETAILERS) {
    evals[r] = evaluateImageRules(DEFAULT_IMAGE_RULES[r]!.rules, m, role);
    out[r] = evals[r].results.filter((x) => !x.passed).map((x) => `${x.rule}:${x.severity}`);
  }
  return { out, evals, m };
}

describe('image rules on the §4.4 fixtures (F14)', () => {
  it('ok_2000.jpg (2000², white, fill .90) passes every rule at every retailer', async () => {
    const { out, evals, m } = await failures('ok_2000.jpg');
    expect(out).toEqual({ amazon_us: [], walmart_us: [], target_plus: [] });
    expect(Object.values(evals).every((e) => e.passed)).toBe(true);
    expect(m).toMatchObject({ format: 'jpeg', width: 2000, height: 2000, colorSpace: 'rgb', isAnimated: false, borderWhiteRatio: 1 });
    expect(m.fillRatio).toBeGreaterThanOrEqual(0.9);
    expect(m.fillRatio).toBeLessThan(0.92);
  });

  it('small_800.jpg: Amazon zoom warning and Walmart < 1500 warning, no errors', async () => {
    const { out, evals } = await failures('small_800.jpg');
    expect(out.amazon_us).toEqual(['AMZ_IMG_ZOOM:warning']);
    expect(out.walmart_us).toEqual(['WMT_IMG_DIMENSIONS:warning']);
    expect(evals.amazon_us!.passed && evals.walmart_us!.passed).toBe(true);
    const zoom = evals.amazon_us!.results.find((r) => r.rule === 'AMZ_IMG_ZOOM')!;
    expect({ expected: zoom.expected, actual: zoom.actual }).toEqual({ expected: '≥ 1000 px', actual: 800 });
  });

  it('tiny_400.png: Amazon error (< 500 px)', async () => {
    const { out, evals } = await failures('tiny_400.png');
    expect(out.amazon_us).toContain('AMZ_IMG_MIN:error');
    expect(evals.amazon_us!.passed).toBe(false);
  });

  it('offwhite_bg.jpg (245 grey): the main image fails the white background everywhere; as a secondary image it passes', async () => {
    const { out, m } = await failures('offwhite_bg.jpg');
    expect(out).toEqual({ amazon_us: ['AMZ_MAIN_WHITE_BG:error'], walmart_us: ['WMT_MAIN_WHITE_BG:error'], target_plus: ['TGT_MAIN_WHITE_BG:error'] });
    expect(m.borderWhiteRatio).toBe(0);
    const secondary = await failures('offwhite_bg.jpg', 'secondary');
    expect(secondary.out).toEqual({ amazon_us: [], walmart_us: [], target_plus: [] });
  });

  it('low_fill.png (product 1100 of 2000): fails the 85% fill rule with fill .55', async () => {
    const { out, evals, m } = await failures('low_fill.png');
    expect(out.amazon_us).toEqual(['AMZ_MAIN_FILL_85:error']);
    expect(out.walmart_us).toEqual([]);
    expect(m.fillRatio).toBe(0.55);
    expect(evals.amazon_us!.results.find((r) => r.rule === 'AMZ_MAIN_FILL_85')).toMatchObject({ expected: '≥ 85% of the frame', actual: '55%', passed: false });
  });

  it('static.gif: Walmart format error (GIF not permitted); Amazon accepts a static GIF', async () => {
    const { out, m } = await failures('static.gif');
    expect(m).toMatchObject({ format: 'gif', frames: 1, isAnimated: false });
    expect(out.walmart_us).toContain('WMT_IMG_FORMAT:error');
    expect(out.amazon_us).toEqual([]);
  });

  it('animated.gif: Amazon format error (animated)', async () => {
    const { out, m } = await failures('animated.gif');
    expect(m).toMatchObject({ format: 'gif', frames: 2, isAnimated: true, width: 600, height: 600 });
    expect(out.amazon_us).toContain('AMZ_IMG_FORMAT:error');
  });

  it('hero.webp: format error at both Amazon and Walmart', async () => {
    const { out } = await failures('hero.webp');
    expect(out.amazon_us).toContain('AMZ_IMG_FORMAT:error');
    expect(out.walmart_us).toContain('WMT_IMG_FORMAT:error');
  });

  it('nonsquare.jpg (2000×1200): Walmart aspect warning', async () => {
    const { out } = await failures('nonsquare.jpg');
    expect(out.walmart_us).toContain('WMT_IMG_ASPECT:warning');
    expect(out.amazon_us).toEqual([]);
  });

  it('big_6mb.png: Walmart error (> 5 MB)', async () => {
    const { out, m } = await failures('big_6mb.png');
    expect(m.bytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(out.walmart_us).toEqual(['WMT_IMG_SIZE_BYTES:error']);
    expect(out.amazon_us).toEqual([]);
  });

  it('cmyk.jpg: Walmart error (RGB only), Amazon warning (RGB preferred)', async () => {
    const { out, m, evals } = await failures('cmyk.jpg');
    expect({ colorSpace: m.colorSpace, channels: m.channels }).toEqual({ colorSpace: 'cmyk', channels: 4 });
    expect(out.walmart_us).toEqual(['WMT_IMG_COLOR:error']);
    expect(out.amazon_us).toEqual(['AMZ_IMG_COLOR:warning']);
    expect(evals.amazon_us!.passed).toBe(true);
  });

  it('product.bmp (1200², uncompressed): Walmart accepts BMP, Amazon does not; measured like any other image', async () => {
    const { out, m } = await failures('product.bmp');
    expect(m).toMatchObject({ format: 'bmp', width: 1200, height: 1200, colorSpace: 'rgb', borderWhiteRatio: 1, fillRatio: 0.9 });
    expect(out.walmart_us).toEqual(['WMT_IMG_DIMENSIONS:warning']);
    expect(out.amazon_us).toEqual(['AMZ_IMG_FORMAT:error']);
  });

  it('transparent.png: a transparent background is not white', async () => {
    const { out, m } = await failures('transparent.png');
    expect(m.hasAlpha).toBe(true);
    expect(m.borderWhiteRatio).toBe(0);
    expect(out.amazon_us).toContain('AMZ_MAIN_WHITE_BG:error');
    expect(out.walmart_us).toContain('WMT_MAIN_WHITE_BG:error');
  });
});

describe('sniffing and decoding', () => {
  it('recognises each format by its magic bytes, whatever the name says', async () => {
    expect(sniffFormat(await fixture('ok_2000.jpg'))).toBe('jpeg');
    expect(sniffFormat(await fixture('tiny_400.png'))).toBe('png');
    expect(sniffFormat(await fixture('static.gif'))).toBe('gif');
    expect(sniffFormat(await fixture('hero.webp'))).toBe('webp');
    expect(sniffFormat(await sharp(await fixture('tiny_400.png')).tiff().toBuffer())).toBe('tiff');
    expect(sniffFormat(Buffer.from('BM' + '\0'.repeat(30), 'binary'))).toBe('bmp');
    expect(sniffFormat(Buffer.from('%PDF-1.7 not an image'))).toBeNull();
    expect(sniffFormat(Buffer.from([0xff, 0xd8]))).toBeNull();
  });

  it('counts GIF frames by walking blocks, and reads JPEG components from the frame header', async () => {
    expect(gifFrameCount(await fixture('animated.gif'))).toBe(2);
    expect(gifFrameCount(await fixture('static.gif'))).toBe(1);
    expect(jpegComponents(await fixture('cmyk.jpg'))).toBe(4);
    expect(jpegComponents(await fixture('ok_2000.jpg'))).toBe(3);
  });

  it('refuses bytes that are not an image, and an image whose body is cut off', async () => {
    await expect(measureImage(Buffer.from('hello, I am text'))).rejects.toBeInstanceOf(NotAnImageError);
    const cut = (await fixture('tiny_400.png')).subarray(0, 60);
    await expect(measureImage(cut)).rejects.toBeInstanceOf(NotAnImageError);
    const paletteBmp = Buffer.from(await fixture('product.bmp'));
    paletteBmp.writeUInt16LE(8, 28);
    await expect(measureImage(paletteBmp)).rejects.toBeInstanceOf(NotAnImageError);
  });

  it('dHash: a re-encoded image is the same (≤ 10), a different label is not (> 10)', async () => {
    const ok = await fixture('ok_2000.jpg');
    const again = await sharp(ok).resize(1000).jpeg({ quality: 60 }).toBuffer();
    expect(hammingDistance(await dhash(ok), await dhash(again))).toBeLessThanOrEqual(10);
    expect(hammingDistance(await dhash(await fixture('old_pack_11.jpg')), await dhash(await fixture('new_pack_11.jpg')))).toBeGreaterThan(10);
  });
});

describe('rule parameters', () => {
  let m: ImageMetrics;
  beforeAll(async () => {
    m = await measured('small_800.jpg');
  });

  it('a category override changes a number or a severity, or disables a rule, for that category only', () => {
    const config = ImageRulesSchema.parse({ ...DEFAULT_IMAGE_RULES.amazon_us, categories: { coffee: { AMZ_IMG_ZOOM: { params: { min: 700 } }, AMZ_IMG_DPI: { disabled: true } }, towels: { AMZ_IMG_ZOOM: { severity: 'error' } } } });
    const zoom = (cat: string | null) => evaluateImageRules(rulesFor(config, cat), m, 'main').results.find((r) => r.rule === 'AMZ_IMG_ZOOM');
    expect(zoom('coffee')).toMatchObject({ passed: true, expected: '≥ 700 px' });
    expect(zoom(null)).toMatchObject({ passed: false, severity: 'warning' });
    expect(zoom('towels')).toMatchObject({ passed: false, severity: 'error' });
    expect(rulesFor(config, 'coffee').map((r) => r.code)).not.toContain('AMZ_IMG_DPI');
    expect(evaluateImageRules(rulesFor(config, 'towels'), m, 'main').passed).toBe(false);
  });

  it('secondary images see only technical rules', () => {
    const codes = evaluateImageRules(DEFAULT_IMAGE_RULES.amazon_us!.rules, m, 'secondary').results.map((r) => r.rule);
    expect(codes).not.toContain('AMZ_MAIN_WHITE_BG');
    expect(codes).not.toContain('AMZ_MAIN_FILL_85');
    expect(codes).toContain('AMZ_IMG_FORMAT');
  });
});
