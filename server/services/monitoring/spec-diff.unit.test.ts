import { describe, expect, it } from 'vitest';
import { canonicalJson, specChecksum } from './canonical.ts';
import { WALMART_ATTRIBUTE_MAP, WALMART_NEW_VERSION, WALMART_OLD_VERSION, walmartSpec, walmartTypeSchema } from '../../demo/retailer/specs.ts';
import { typeSchemas } from './spec-source.ts';
import { changeSeverity, deterministicSummary, hasValue, mapDiff, productsAffected } from './impact.ts';
import { diffSpecs, isEmptyDiff, requiredOf } from './spec-diff.ts';

describe('canonical checksum', () => {
  it('ignores key order and formatting, not values', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(specChecksum({ a: 1, b: [1, 2] })).toBe(specChecksum(JSON.parse('{ "b": [1, 2], "a": 1 }')));
    expect(specChecksum({ a: 1, b: [1, 2] })).not.toBe(specChecksum({ a: 1, b: [2, 1] }));
    expect(specChecksum({})).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('diffSpecs', () => {
  it('finds the Walmart country-of-origin requirement and nothing else', () => {
    const d = diffSpecs(walmartTypeSchema('Coffee', WALMART_OLD_VERSION)!, walmartTypeSchema('Coffee', WALMART_NEW_VERSION)!);
    expect(d).toEqual({ addedRequired: ['countryOfOriginSubstantialTransformation'], removedRequired: [], addedProps: [], removedProps: [], constraintChanges: [] });
    expect(isEmptyDiff(diffSpecs(walmartTypeSchema('Coffee', WALMART_OLD_VERSION)!, walmartTypeSchema('Coffee', WALMART_OLD_VERSION)!))).toBe(true);
  });

  it('splits the Walmart whole spec into product types', () => {
    const { schema } = walmartSpec(['Coffee', 'Dog Treats', 'Nope'], WALMART_NEW_VERSION);
    const parts = typeSchemas('walmart', schema, ['Coffee', 'Dog Treats', 'Nope']);
    expect(Object.keys(parts)).toEqual(['Coffee', 'Dog Treats']);
    expect(parts.Coffee).toEqual(walmartTypeSchema('Coffee', WALMART_NEW_VERSION));
    expect(typeSchemas('amazon', { a: 1 }, ['COFFEE'])).toEqual({ COFFEE: { a: 1 } });
  });

  it('reads conditional requirements in allOf/if/then/else', () => {
    const schema = { required: ['a'], allOf: [{ if: { properties: { x: { const: 1 } } }, then: { required: ['b'] }, else: { required: ['c'] } }], then: { required: ['d'] } };
    expect([...requiredOf(schema)].sort()).toEqual(['a', 'b', 'c', 'd']);
    const after = { required: ['a'], allOf: [{ if: {}, then: { required: ['b', 'e'] } }] };
    const d = diffSpecs(schema, after);
    expect(d.addedRequired).toEqual(['e']);
    expect(d.removedRequired).toEqual(['c', 'd']);
  });

  it('reports added and removed properties and maxLength, enum and type changes (also on array items)', () => {
    const before = { properties: { title: { type: 'string', maxLength: 200 }, roast: { enum: ['light', 'dark'] }, count: { type: 'string' }, old: {}, tags: { type: 'array', items: { maxLength: 50 } } } };
    const after = { properties: { title: { type: 'string', maxLength: 150 }, roast: { enum: ['light', 'medium', 'dark'] }, count: { type: 'integer' }, fresh: {}, tags: { type: 'array', items: { maxLength: 40 } } } };
    const d = diffSpecs(before, after);
    expect(d.addedProps).toEqual(['fresh']);
    expect(d.removedProps).toEqual(['old']);
    expect(d.constraintChanges).toEqual([
      { prop: 'count', kind: 'type', before: 'string', after: 'integer' },
      { prop: 'roast', kind: 'enum', before: ['light', 'dark'], after: ['light', 'medium', 'dark'] },
      { prop: 'tags', kind: 'maxLength', before: 50, after: 40 },
      { prop: 'title', kind: 'maxLength', before: 200, after: 150 },
    ]);
  });
});

describe('impact', () => {
  const products = [
    { id: 'p1', sku: 'HAS', values: { country_of_origin: { text: 'USA' }, title: { text: 'x'.repeat(160) }, roast_level: { option: 'dark' } } },
    { id: 'p2', sku: 'LACKS', values: { country_of_origin: { text: '' }, title: { text: 'short' }, roast_level: { option: 'espresso' } } },
    { id: 'p3', sku: 'NONE', values: {} },
  ];

  it('maps names and lists products missing a newly required attribute', () => {
    const d = mapDiff(diffSpecs(walmartTypeSchema('Coffee', WALMART_OLD_VERSION)!, walmartTypeSchema('Coffee', WALMART_NEW_VERSION)!), WALMART_ATTRIBUTE_MAP);
    expect(d.mapped).toEqual({ countryOfOriginSubstantialTransformation: 'country_of_origin' });
    expect(d.unmappedRequired).toEqual([]);
    const hit = productsAffected(d, products);
    expect(hit.map((h) => h.sku)).toEqual(['LACKS', 'NONE']);
    expect(changeSeverity(d, hit.length)).toBe('high');
    expect(changeSeverity(d, 0)).toBe('medium');
    const summary = deterministicSummary({ retailer: 'Walmart', productType: 'Coffee', fromVersion: WALMART_OLD_VERSION, toVersion: WALMART_NEW_VERSION, diff: d, affected: 2 });
    expect(summary).toContain('now requires countryOfOriginSubstantialTransformation (country_of_origin)');
    expect(summary).toContain('2 listed products now fail');
  });

  it('an unmapped new required attribute is high and affects every product', () => {
    const d = mapDiff({ addedRequired: ['batteryType'], removedRequired: [], addedProps: ['batteryType'], removedProps: [], constraintChanges: [] }, {});
    expect(d.unmappedRequired).toEqual(['batteryType']);
    expect(productsAffected(d, products)).toHaveLength(3);
    expect(changeSeverity(d, 0)).toBe('high');
  });

  it('a shorter maxLength or a narrower enum hits only the values that no longer fit', () => {
    const d = mapDiff({ addedRequired: [], removedRequired: [], addedProps: [], removedProps: [], constraintChanges: [
      { prop: 'productName', kind: 'maxLength', before: 200, after: 150 },
      { prop: 'coffeeRoast', kind: 'enum', before: null, after: ['light', 'medium', 'DARK'] },
    ] }, WALMART_ATTRIBUTE_MAP);
    const hit = productsAffected(d, products);
    expect(hit.map((h) => [h.sku, h.reasons.length])).toEqual([['HAS', 1], ['LACKS', 1]]);
    expect(hit[0]!.reasons[0]).toContain('160 characters');
    expect(changeSeverity(d, hit.length)).toBe('medium');
    expect(changeSeverity(d, 0)).toBe('low');
  });

  it('hasValue treats empty text, lists and missing values as absent', () => {
    expect([hasValue(undefined), hasValue({ text: ' ' }), hasValue({ items: [] }), hasValue({ assetIds: [] }), hasValue({ text: 'USA' }), hasValue({ amount: '10', unit: 'OUNCE' })]).toEqual([false, false, false, false, true, true]);
  });
});
