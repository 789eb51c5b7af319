import { describe, expect, it } from 'vitest';
import type { TextRules } from '../../../shared/catalog/text-rules.ts';
import type { AttributeDef } from '../../../shared/catalog/values.ts';
import { decide, finalConfidence } from './confidence.ts';
import { skillGroups } from './fields.ts';
import { fingerprintOf, similarity } from './fingerprint.ts';
import { enrichmentSettings } from './settings.ts';
import { validateSuggestion } from './validate.ts';

const AMZ: TextRules = { prefix: 'AMZ', titleMax: 200, titleProhibitedChars: ['!', '$', '?'], titlePromoPhrases: ['free shipping', 'best seller'], bulletProhibitedPhrases: ['antibacterial', 'eco-friendly'], bulletSpecialChars: ['™'] };
const title: AttributeDef = { code: 'title', label: 'Title', type: 'text', validation: { maxLength: 500 } };
const bullets: AttributeDef = { code: 'bullets', label: 'Bullets', type: 'text_list', validation: { maxItems: 10 } };
const roast: AttributeDef = { code: 'roast_level', label: 'Roast level', type: 'simple_select', validation: { options: ['light', 'medium', 'medium_dark', 'dark'] } };
const net: AttributeDef = { code: 'net_content', label: 'Net content', type: 'metric', validation: {} };
const source = { supplier_title: 'Lantern Peak House Blend Ground Coffee, Medium Roast, 12 oz', supplier_description: 'A smooth medium roast from Central and South America.' };
const base = { rules: [AMZ], brand: 'Lantern Peak', gtin: '00081234500016', sourceText: source };

describe('validateSuggestion', () => {
  it('accepts a clean title with found evidence', () => {
    const v = validateSuggestion({ ...base, attribute: title, raw: 'Lantern Peak House Blend Ground Coffee, Medium Roast, 12 oz Bag', evidence: [{ sourceField: 'supplier_title', quote: 'House Blend Ground Coffee' }] });
    expect(v.errors).toBe(0);
    expect(v.value).toEqual({ text: 'Lantern Peak House Blend Ground Coffee, Medium Roast, 12 oz Bag' });
    expect(v.evidenceFound).toBe(true);
    expect(v.grounded).toBe(true);
  });

  it('flags a prohibited bullet phrase with the retailer rule code', () => {
    const v = validateSuggestion({ ...base, attribute: bullets, raw: ['Gentle on hands', 'Antibacterial formula'], evidence: [{ sourceField: 'supplier_description', quote: 'smooth medium roast' }] });
    expect(v.notes.map((n) => n.rule)).toContain('AMZ_BULLET_PROHIBITED_PHRASE');
    expect(v.errors).toBeGreaterThan(0);
  });

  it('refuses an option outside the enum', () => {
    const v = validateSuggestion({ ...base, attribute: roast, raw: 'blonde-ish', evidence: [{ sourceField: 'supplier_title', quote: 'Medium Roast' }] });
    expect(v.notes.map((n) => n.rule)).toEqual(['ENUM_MEMBERSHIP']);
  });

  it('normalizes units through the catalog parser', () => {
    const v = validateSuggestion({ ...base, attribute: net, raw: '12 oz', evidence: [{ sourceField: 'supplier_title', quote: '12 OZ' }] });
    expect(v.value).toEqual({ amount: '12', unit: 'OUNCE' });
    expect(v.errors).toBe(0);
    expect(v.evidenceFound).toBe(true);
  });

  it('never proposes a GTIN and catches invented identifiers', () => {
    expect(validateSuggestion({ ...base, attribute: { code: 'gtin', label: 'GTIN', type: 'identifier', validation: {} }, raw: '00081234500023', evidence: [] }).notes.map((n) => n.rule)).toContain('GTIN_UNTOUCHED');
    const v = validateSuggestion({ ...base, attribute: title, raw: 'Lantern Peak Coffee 081234500099', evidence: [{ sourceField: 'supplier_title', quote: 'Lantern Peak' }] });
    expect(v.notes.map((n) => n.rule)).toContain('GTIN_UNTOUCHED');
  });

  it('marks quotes that are not in the source text', () => {
    const v = validateSuggestion({ ...base, attribute: title, raw: 'Lantern Peak Coffee', evidence: [{ sourceField: 'supplier_title', quote: 'Lantern Peak' }, { sourceField: 'x', quote: 'organic certified' }] });
    expect(v.grounded).toBe(true);
    expect(v.evidenceFound).toBe(false);
    expect(v.evidence.map((e) => e.found)).toEqual([true, false]);
  });
});

describe('finalConfidence and decide', () => {
  const settings = enrichmentSettings({ autoApproveThreshold: 0.9, alwaysReviewAttributes: ['net_content'] });
  it('follows model × evidence × validation, capped when ungrounded', () => {
    expect(finalConfidence(0.95, { evidenceFound: true, grounded: true, errors: 0 })).toBe(0.95);
    expect(finalConfidence(0.95, { evidenceFound: false, grounded: true, errors: 0 })).toBe(0.57);
    expect(finalConfidence(0.95, { evidenceFound: true, grounded: true, errors: 1 })).toBe(0.28);
    expect(finalConfidence(0.99, { evidenceFound: false, grounded: false, errors: 0 })).toBe(0.5);
    expect(finalConfidence(1.7, { evidenceFound: true, grounded: true, errors: 0 })).toBe(1);
  });
  it('auto-approves only above threshold, without errors, outside always-review', () => {
    expect(decide('title', 0.95, 0, settings)).toBe('auto_approved');
    expect(decide('title', 0.89, 0, settings)).toBe('pending');
    expect(decide('title', 0.99, 1, settings)).toBe('pending');
    expect(decide('net_content', 0.99, 0, settings)).toBe('pending');
  });
  it('defaults settings a company does not have', () => {
    expect(enrichmentSettings({})).toEqual({ autoApproveThreshold: 0.9, alwaysReviewAttributes: ['ingredients', 'allergen_statement', 'claims', 'caffeine_content', 'net_content'] });
    expect(enrichmentSettings({ autoApproveThreshold: 'high' }).autoApproveThreshold).toBe(0.9);
  });
});

describe('skillGroups', () => {
  it('one call per copy field, one extraction for the rest, never identifiers or fields outside the category', () => {
    const groups = skillGroups(['title', 'bullets', 'roast_level', 'flavor', 'gtin', 'scent'], new Set(['title', 'bullets', 'roast_level', 'flavor', 'gtin']));
    expect(groups).toEqual([
      { skill: 'generate_title', fields: ['title'] },
      { skill: 'generate_bullets', fields: ['bullets'] },
      { skill: 'extract_attributes', fields: ['roast_level', 'flavor'] },
    ]);
  });
});

describe('fingerprint and similarity', () => {
  it('pulls pack size, count and claims out of a title', () => {
    expect(fingerprintOf('Lantern Peak French Roast Ground Coffee, Dark Roast, 10 oz')).toMatchObject({ netContent: { amount: 10, unit: 'oz' } });
    expect(fingerprintOf('Fernwell Hand Soap, 12 fl oz, Pack of 3')).toMatchObject({ netContent: { amount: 12, unit: 'fl oz' }, packOf: 3 });
    expect(fingerprintOf('Trailhound Dental Chews, 30 Count, Made in USA')).toMatchObject({ count: 30, claims: ['made in usa'] });
    expect(fingerprintOf('Lantern Peak Coffee')).not.toHaveProperty('netContent');
  });
  it('similarity is 1 for equal text, within [0,1], null with nothing to compare', () => {
    expect(similarity('Lantern Peak Coffee, 10 oz', 'lantern peak coffee, 10 oz')).toBe(1);
    const s = similarity('Lantern Peak French Roast, 10 oz', 'Lantern Peak French Roast Coffee, 12 oz')!;
    expect(s).toBeGreaterThan(0.5);
    expect(s).toBeLessThan(1);
    expect(similarity('abc', 'xyz')).toBeGreaterThanOrEqual(0);
    expect(similarity('', 'x')).toBeNull();
  });
});
