import { describe, expect, it } from 'vitest';
import { completeness, valuesForChannel } from './completeness.ts';
import { parseCsv } from './csv.ts';
import { gtinCheckDigit, gtinProblem, normalizeGtin } from './gtin.ts';
import { checkCopy, checkUppercase, grade, productScore } from './text-rules.ts';
import { checkValue, formatValue, isFilled, parseValueText, type AttributeDef } from './values.ts';

describe('GTIN', () => {
  it('computes GS1 check digits (GS1 example and the demo prefix)', () => {
    expect(gtinCheckDigit('629104150021')).toBe(3);
    expect(gtinCheckDigit('08123450001')).toBe(6);
    expect(gtinCheckDigit('08123450020')).toBe(7);
  });
  it('names the broken rule', () => {
    expect(gtinProblem('081234500016')).toBeNull();
    expect(gtinProblem(normalizeGtin('081234500016'))).toBeNull();
    expect(gtinProblem('081234500209')).toBe('GTIN_CHECK_DIGIT');
    expect(gtinProblem('12345')).toBe('GTIN_LENGTH');
    expect(gtinProblem('08123450001a')).toBe('GTIN_LENGTH');
  });
});

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, CRLF and line breaks inside quotes, with start lines', () => {
    const r = parseCsv('sku,title\r\nA,"Hello, ""world"""\r\n\r\nB,"two\nlines"\nC,plain');
    expect(r).toEqual({
      ok: true,
      records: [
        { line: 1, cells: ['sku', 'title'] },
        { line: 2, cells: ['A', 'Hello, "world"'] },
        { line: 4, cells: ['B', 'two\nlines'] },
        { line: 6, cells: ['C', 'plain'] },
      ],
    });
  });
  it('reports a stray quote by line and column', () => {
    expect(parseCsv('a,b\nx,y"z\n')).toEqual({ ok: false, line: 2, column: 2, message: 'a quote may only start a field' });
    expect(parseCsv('a,b\nx,"open\n')).toMatchObject({ ok: false, line: 2, column: 2 });
  });
});

const attr = (type: AttributeDef['type'], validation: AttributeDef['validation'] = {}): AttributeDef => ({ code: 'x', label: 'X', type, validation });

describe('values', () => {
  it('parses and formats text forms', () => {
    expect(parseValueText(attr('metric'), '12 oz')).toEqual({ ok: true, value: { amount: '12', unit: 'OUNCE' } });
    expect(parseValueText(attr('metric'), '32 fl oz')).toEqual({ ok: true, value: { amount: '32', unit: 'FLUID_OUNCE' } });
    expect(parseValueText(attr('metric'), 'twelve')).toMatchObject({ ok: false });
    expect(parseValueText(attr('price'), '$9.99')).toEqual({ ok: true, value: { USD: '9.99' } });
    expect(parseValueText(attr('text_list'), 'a | b |')).toEqual({ ok: true, value: { items: ['a', 'b'] } });
    expect(parseValueText(attr('simple_select', { options: ['light', 'dark'] }), 'blonde')).toEqual({ ok: false, message: '"blonde" is not one of light, dark' });
    expect(parseValueText(attr('text'), '  ')).toEqual({ ok: true, value: null });
    expect(formatValue('metric', { amount: '10', unit: 'OUNCE' })).toBe('10 oz');
    expect(formatValue('text_list', { items: ['a', 'b'] }, '\n')).toBe('a\nb');
  });
  it('checks constraints', () => {
    expect(checkValue(attr('text', { maxLength: 3 }), { text: 'abcd' })).toEqual({ ok: false, message: 'at most 3 characters (has 4)' });
    expect(checkValue(attr('text'), { txt: 'a' }).ok).toBe(false);
  });
  it('follows Akeneo "filled" semantics', () => {
    expect(isFilled('text', { text: '  ' })).toBe(false);
    expect(isFilled('metric', { amount: '12', unit: '' })).toBe(false);
    expect(isFilled('price', { USD: '1.00' }, { currencies: ['USD', 'EUR'] })).toBe(false);
    expect(isFilled('boolean', { b: false })).toBe(true);
    expect(isFilled('text_list', { items: ['a', 'b'] }, { minItems: 3 })).toBe(false);
  });
});

describe('completeness', () => {
  const types = { title: 'text', bullets: 'text_list', roast_level: 'simple_select' } as const;
  it('uses floor and returns the missing codes', () => {
    const spec = { requiredAttributes: ['title', 'bullets', 'roast_level'], requirementParams: { bullets: { minItems: 3 } } };
    expect(completeness(spec, { title: { text: 't' }, bullets: { items: ['a', 'b'] } }, types)).toEqual({ ratio: 33, missing: ['bullets', 'roast_level'], required: 3 });
    expect(completeness({ requiredAttributes: [], requirementParams: {} }, {}, types).ratio).toBe(100);
  });
  it('prefers a channel value over the global one', () => {
    const rows = [
      { attributeCode: 'title', channelCode: '', value: { text: 'global' } },
      { attributeCode: 'title', channelCode: 'amazon_us', value: { text: 'amazon' } },
    ];
    expect(valuesForChannel(rows, 'amazon_us')).toEqual({ title: { text: 'amazon' } });
    expect(valuesForChannel(rows, 'walmart_us')).toEqual({ title: { text: 'global' } });
  });
});

describe('text rules', () => {
  const amazon = {
    prefix: 'AMZ',
    titleMax: 200,
    titleProhibitedChars: ['!', '$'],
    titlePromoPhrases: ['free shipping', 'best seller'],
    titleWordRepeatMax: 2,
    bulletSpecialChars: ['™'],
    bulletProhibitedPhrases: ['antibacterial', 'eco-friendly'],
    bulletCountRecommended: 5,
  };
  it('flags the planted #8 title and #14 bullet', () => {
    const rules = checkCopy(amazon, { title: 'Lantern Peak Hazelnut Coffee - BEST SELLER!! Free Shipping, 12 oz', bullets: ['Antibacterial, eco-friendly formula with eucalyptus and peppermint oils™'], description: '', brand: 'Lantern Peak' });
    expect(rules.map((f) => [f.rule, f.severity])).toEqual([
      ['AMZ_TITLE_PROHIBITED_CHARS', 'error'],
      ['AMZ_TITLE_PROMO_PHRASE', 'error'],
      ['AMZ_BULLET_SPECIAL_CHARS', 'error'],
      ['AMZ_BULLET_PROHIBITED_PHRASE', 'error'],
      ['AMZ_BULLET_COUNT', 'warning'],
    ]);
    expect(rules[3]!.observed).toEqual(['antibacterial', 'eco-friendly']);
  });
  it('checks title length, repeats and the uppercase criterion', () => {
    const wmt = checkCopy({ prefix: 'WMT', titleMax: 150 }, { title: 'x'.repeat(164), bullets: [], description: '', brand: '' });
    expect(wmt.map((f) => f.rule)).toEqual(['WMT_TITLE_MAX_150']);
    expect(checkCopy(amazon, { title: 'Soap soap SOAP for hands', bullets: [], description: '', brand: '' }).map((f) => f.rule)).toEqual(['AMZ_TITLE_WORD_REPEAT']);
    expect(checkUppercase({ title: '', bullets: [], description: 'RICH, SMOOTH INSTANT COFFEE', brand: '' }).map((f) => f.rule)).toEqual(['DQI_UPPERCASE_WORDS']);
    expect(checkCopy(amazon, { title: 'Lantern Peak House Blend Ground Coffee, Medium Roast, 12 oz', bullets: ['a', 'b', 'c', 'd', 'e'], description: '', brand: '' })).toEqual([]);
  });
  it('scores and grades like DOMAIN F13', () => {
    expect(productScore([{ severity: 'error' }, { severity: 'warning' }])).toBe(80);
    expect(productScore(Array.from({ length: 8 }, () => ({ severity: 'error' as const })))).toBe(0);
    expect([95, 85, 75, 65, 10].map(grade)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
});
