import { describe, expect, it } from 'vitest';
import { enrichProductsStep } from './enrich-products.ts';

describe('enrich_products config', () => {
  const parse = (c: unknown) => enrichProductsStep.config.safeParse(c);
  it('takes attribute codes, an optional retailer and an optional CEL product list', () => {
    expect(parse(enrichProductsStep.defaultConfig).success).toBe(true);
    expect(parse({ fields: ['title', 'roast_level'], retailer: 'amazon_us', products: 'event.data.productIds' }).success).toBe(true);
  });
  it('refuses no fields, non-codes, a bad retailer code, CEL that does not parse and unknown keys', () => {
    expect(parse({ fields: [] }).success).toBe(false);
    expect(parse({ fields: ['Title!'] }).success).toBe(false);
    expect(parse({ fields: ['title'], retailer: 'Amazon US' }).success).toBe(false);
    expect(parse({ fields: ['title'], products: 'event.data.(' }).success).toBe(false);
    expect(parse({ fields: ['title'], model: 'x' }).success).toBe(false);
  });
  it('summarises what it writes', () => {
    expect(enrichProductsStep.summary({ fields: ['title', 'bullets'], retailer: 'walmart_us' })).toBe('title, bullets for walmart_us');
    expect(enrichProductsStep.summary({})).toBe('No fields');
  });
});
