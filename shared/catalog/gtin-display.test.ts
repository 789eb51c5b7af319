import { describe, expect, it } from 'vitest';
import { displayGtin, normalizeGtin } from './gtin.ts';
import { formatAttributeValue } from './values.ts';

describe('one GTIN display everywhere', () => {
  it('the product list (displayGtin) and the product page field (formatAttributeValue) show the same digits', () => {
    const stored = normalizeGtin('081234500160');
    expect(stored).toBe('00081234500160');
    expect(displayGtin(stored)).toBe('081234500160');
    expect(formatAttributeValue({ code: 'gtin', type: 'identifier' }, { text: stored })).toBe(displayGtin(stored));
  });

  it('leaves other identifiers and a GTIN-14 with a packaging digit as they are', () => {
    expect(formatAttributeValue({ code: 'mpn', type: 'identifier' }, { text: '00081234500160' })).toBe('00081234500160');
    expect(formatAttributeValue({ code: 'gtin', type: 'identifier' }, { text: '10081234500167' })).toBe('10081234500167');
    expect(formatAttributeValue({ code: 'gtin', type: 'identifier' }, null)).toBe('');
  });
});
