import { describe, expect, it } from 'vitest';
import { celKey, celMatches, celValue } from './cel.ts';

describe('CEL over JSON', () => {
  it('treats whole JSON numbers as ints, so arithmetic an ops person writes works', () => {
    expect(celValue('event.data.n * 2', { event: { data: { n: 21 } } })).toBe(42);
    expect(celValue('event.data.n % 2 == 0', { event: { data: { n: 4 } } })).toBe(true);
    expect(celValue('event.data.n > 0.5', { event: { data: { n: 1 } } })).toBe(true);
    expect(celValue('[1, 2].map(i, i * k)', { k: 3 })).toEqual([3, 6]);
    expect(celValue('{"a": x + 1}', { x: 1 })).toEqual({ a: 2 });
  });

  it('keeps fractional numbers as doubles', () => {
    expect(celValue('price * 2.0', { price: 1.25 })).toBe(2.5);
  });

  it('counts an expression that cannot be evaluated as no match, and keys as strings', () => {
    expect(celMatches('event.data.missing == 1', { event: { data: {} } })).toBe(false);
    expect(celMatches(undefined, {})).toBe(true);
    expect(celKey('event.data.id', { event: { data: { id: 7 } } })).toBe('7');
    expect(celKey('event.data.customer', { event: { data: { customer: 'c-1' } } })).toBe('c-1');
  });
});
