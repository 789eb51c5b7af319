import { describe, expect, it } from 'vitest';
import { renderPackShot, renderPdpPage, type PdpContent } from '../../demo/retailer/pages.ts';
import { dhash as dHash, hammingDistance } from '../assets/measure.ts';
import { extractPdp } from './extract.ts';
import { packFactOfNetContent, packFacts, packMismatch } from './pack-size.ts';
import { bandOf, classifyDeterministic, delistedResult, overallScore, scorePdp, type Golden } from './score.ts';
import { tokenSimilarity, wordOverlap } from './text-similarity.ts';

const content: PdpContent = {
  title: 'Lantern Peak French Roast Ground Coffee, Dark Roast, 10 oz',
  bullets: ['French Roast with bold, smoky notes', '100% Arabica beans', 'Ground for drip brewers', 'Sealed with a one-way valve', '10 oz of coffee'],
  description: 'Lantern Peak French Roast coffee brings bold, smoky notes of dark chocolate to your morning cup. We roast in small batches in Chicago & pack within hours.',
  brand: 'Lantern Peak',
  gtin: '081234500023',
  heroImageUrl: '/img/2.png',
};
const golden = (over: Partial<Golden> = {}): Golden => ({ title: content.title, bullets: content.bullets, description: content.description, mainImageDhash: 'ffff0000ffff0000', packFacts: [{ unit: 'oz', amount: 10 }], ...over });

describe('extractPdp', () => {
  it('reads JSON-LD for the main fields and the DOM for bullets, in every retailer style', () => {
    for (const style of ['amazon', 'walmart', 'target'] as const) {
      const { method, extracted } = extractPdp(renderPdpPage(style, content));
      expect(method).toBe('json_ld');
      expect(extracted).toMatchObject({ title: content.title, description: content.description, bullets: content.bullets, images: ['/img/2.png'], brand: 'Lantern Peak', gtin: '081234500023', price: '9.99' });
    }
  });

  it('falls back to the DOM selectors without JSON-LD, decoding entities', () => {
    const { method, extracted } = extractPdp(renderPdpPage('amazon', content, { jsonLd: false }));
    expect(method).toBe('dom');
    expect(extracted.title).toBe(content.title);
    expect(extracted.description).toBe(content.description);
    expect(extracted.images).toEqual(['/img/2.png']);
    expect(extractPdp(renderPdpPage('walmart', content, { jsonLd: false })).extracted.bullets).toEqual(content.bullets);
    expect(extractPdp('<html><body><p>nothing here</p></body></html>').method).toBe('none');
    expect(extractPdp('<script type="application/ld+json">{not json</script><span id="productTitle">T &amp; U</span>').extracted.title).toBe('T & U');
  });
});

describe('pack size', () => {
  it('normalizes units and spots a mismatch only on a shared unit', () => {
    expect(packFacts('Coffee, 2 lb Bag')).toEqual([{ unit: 'oz', amount: 32 }]);
    expect(packFacts('Soap, 12 fl oz, Pack of 3')).toEqual([{ unit: 'fl_oz', amount: 12 }, { unit: 'pack', amount: 3 }]);
    expect(packFacts('Pods, 24 Count')).toEqual([{ unit: 'count', amount: 24 }]);
    expect(packFactOfNetContent({ amount: '10', unit: 'OUNCE' })).toEqual({ unit: 'oz', amount: 10 });
    expect(packMismatch([{ unit: 'oz', amount: 10 }], packFacts('… Dark Roast, 12 oz'))).toEqual({ expected: { unit: 'oz', amount: 10 }, observed: { unit: 'oz', amount: 12 } });
    expect(packMismatch([{ unit: 'oz', amount: 10 }], packFacts('… 10 oz'))).toBeNull();
    expect(packMismatch([{ unit: 'fl_oz', amount: 12 }], packFacts('… 24 Count'))).toBeNull();
  });
});

describe('text similarity', () => {
  it('Dice over tokens and Brandbank overlap', () => {
    expect(tokenSimilarity('A b c', 'c B a!')).toBe(1);
    expect(tokenSimilarity(content.title, content.title.replace('10 oz', '12 oz'))).toBeCloseTo(0.9, 5);
    expect(tokenSimilarity('a b', 'c d')).toBe(0);
    const o = wordOverlap('one two three four', 'one two five');
    expect(o.expectedCovered).toBe(0.5);
    expect(o.observedCovered).toBeCloseTo(2 / 3);
  });
});

describe('scorePdp', () => {
  const observed = (c: PdpContent, heroDhash: string | null = 'ffff0000ffff0000') => ({ extracted: extractPdp(renderPdpPage('walmart', c)).extracted, heroDhash });

  it('an identical page scores 100 with no finding', () => {
    const r = scorePdp(golden(), observed(content));
    expect(r).toMatchObject({ overall: 100, band: 'compliant', findings: [] });
  });

  it('a stale "12 oz" title is a critical pack size mismatch', () => {
    const r = scorePdp(golden(), observed({ ...content, title: content.title.replace('10 oz', '12 oz') }));
    const pack = r.findings.find((f) => f.field === 'pack_size')!;
    expect(pack).toMatchObject({ classification: 'pack_size_mismatch', severity: 'critical', expected: '10 oz', observed: '12 oz' });
    expect(r.findings.find((f) => f.field === 'title')).toMatchObject({ classification: 'stale_copy', severity: 'info', ambiguous: false });
    expect(r.band).toBe('at_risk');
  });

  it('3 of 5 bullets is truncated (60 for bullets), a far image is wrong_image', () => {
    const r = scorePdp(golden(), observed({ ...content, bullets: content.bullets.slice(0, 3) }, '0000ffff0000ffff'));
    expect(r.scores.bullets).toBe(60);
    expect(r.scores.image).toBe(0);
    expect(r.findings.map((f) => [f.field, f.classification, f.severity])).toEqual([['bullets', 'truncated', 'warning'], ['image', 'wrong_image', 'warning']]);
    expect(r.overall).toBe(Math.round((0.35 * 100 + 0.2 * 60 + 0.15 * 100) * 10) / 10);
  });

  it('an image within 10 bits is the same image', () => {
    expect(scorePdp(golden(), observed(content, 'ffff0000ffff03ff')).scores.image).toBe(100);
  });

  it('a partly rewritten description is ambiguous, a wholly different one is a material change', () => {
    const rewrite = 'Bold and smoky, this Lantern Peak French Roast coffee is small batch roasted in Chicago for your morning cup; enjoy dark chocolate notes.';
    const r = scorePdp(golden(), observed({ ...content, description: rewrite }));
    const f = r.findings.find((x) => x.field === 'description')!;
    expect(f.ambiguous).toBe(true);
    expect(f.similarity).toBeGreaterThanOrEqual(0.4);
    expect(f.similarity).toBeLessThan(0.7);
    expect(classifyDeterministic(f)).toMatchObject({ classification: 'stale_copy', severity: 'warning' });
    const other = scorePdp(golden(), observed({ ...content, description: 'Completely unrelated text about towels and linen.' }));
    expect(other.findings.find((x) => x.field === 'description')).toMatchObject({ classification: 'material_change', ambiguous: false });
  });

  it('deterministic classification calls a shortened text truncated', () => {
    expect(classifyDeterministic({ field: 'title', expected: 'a b c d e f', observed: 'a b c', similarity: 0.6, classification: 'stale_copy', severity: 'warning', explanation: '', ambiguous: true }).classification).toBe('truncated');
  });

  it('bands and weights', () => {
    expect([bandOf(85), bandOf(84.9), bandOf(40), bandOf(39.9)]).toEqual(['compliant', 'at_risk', 'at_risk', 'non_compliant']);
    expect(overallScore({ title: 100, bullets: null, description: null, image: 0 })).toBeCloseTo((35 / 65) * 100, 1);
    expect(delistedResult(404, 'http://x/')).toMatchObject({ overall: 0, band: 'non_compliant', findings: [{ classification: 'delisted', severity: 'critical' }] });
  });
});

describe('dHash of the demo pack shots', () => {
  it('a re-encoded copy is the same image, the old packaging is not', async () => {
    const current = await renderPackShot(11, 'current');
    const old = await renderPackShot(11, 'old');
    const sharp = (await import('sharp')).default;
    const resized = await sharp(current).resize(600, 600).jpeg({ quality: 70 }).toBuffer();
    const [a, b, c] = await Promise.all([dHash(current), dHash(resized), dHash(old)]);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(a, b)).toBeLessThanOrEqual(10);
    expect(hammingDistance(a, c)).toBeGreaterThan(10);
  });
});

describe('the demo site planted drift', async () => {
  const { demoPage, REWRITTEN_24 } = await import('../../demo/retailer/site.ts');
  it('only the planted pages differ, and #24 lands in the ambiguous band', () => {
    const p24 = demoPage('copper-kettle', 'amazon', 'B0CKDEMO24');
    expect(p24).not.toBeNull();
    const golden24 = (p24 as unknown as { product: { values: { description: { text: string } } } }).product.values.description.text;
    const o = wordOverlap(golden24, REWRITTEN_24);
    const sim = Math.min(o.expectedCovered, o.observedCovered);
    expect(sim).toBeGreaterThanOrEqual(0.4);
    expect(sim).toBeLessThan(0.7);
    expect(demoPage('copper-kettle', 'walmart', String(5_000_100 + 29 * 37))).toBe('gone');
    expect(demoPage('copper-kettle', 'walmart', String(5_000_100 + 4 * 37))).toBeNull(); // #4 is not at Walmart
  });
});
