import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INPUT_LIMITS } from './limits.ts';
import { boundedDate, boundedJson, boundedJsonObject } from './schemas.ts';

describe('boundedDate', () => {
  const d = boundedDate();

  it('accepts what z.coerce.date() accepted for real dates: ISO strings, Dates, epoch ms', () => {
    expect(d.parse('2026-01-31T00:00:00Z')).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(d.parse('2026-01-31')).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(d.parse(new Date('2030-05-05T10:00:00Z'))).toEqual(new Date('2030-05-05T10:00:00Z'));
    expect(d.parse(0)).toEqual(new Date(0));
    expect(d.parse('9999-12-31T23:59:59.999Z')).toEqual(new Date('9999-12-31T23:59:59.999Z'));
  });

  it('refuses dates Postgres or the clients cannot write, naming the range', () => {
    for (const v of ['+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '+010000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', 8.64e15, -1]) {
      const r = d.safeParse(v);
      expect({ v, ok: r.success }).toEqual({ v, ok: false });
      expect(r.error!.issues[0]!.message).toContain('between 1970-01-01 and 9999-12-31');
    }
  });

  it('refuses non-dates, long strings and other types', () => {
    for (const v of ['not a date', 'yesterday-ish', 'x'.repeat(1_000_000), null, true, {}, [], Number.NaN, new Date(Number.NaN)]) expect(d.safeParse(v).success).toBe(false);
  });

  it('takes other bounds', () => {
    const near = boundedDate({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z') });
    expect(near.safeParse('2019-12-31T00:00:00Z').success).toBe(false);
    expect(near.safeParse('2025-06-01T00:00:00Z').success).toBe(true);
  });
});

describe('boundedJson / boundedJsonObject', () => {
  const payload = z.object({ payload: boundedJsonObject(INPUT_LIMITS.runPayload).default({}) });

  it('passes ordinary payloads unchanged', () => {
    const p = { sku: 'A-1', n: 3, tags: ['x', 'y'], nested: { a: { b: [1, { c: null }] } } };
    expect(payload.parse({ payload: p })).toEqual({ payload: p });
    expect(payload.parse({})).toEqual({ payload: {} });
  });

  it('refuses too deep, too large, NUL and lone surrogates, with the path inside the field', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const cases: [unknown, RegExp][] = [
      [deep, /nested more than 32 levels/],
      [{ blob: 'x'.repeat(300 * 1024) }, /larger than the limit of 256 KB/],
      [{ a: { 'k\u0000': 1 } }, /NUL/],
      [{ a: ['\uDFFF'] }, /surrogate/],
    ];
    for (const [p, message] of cases) {
      const r = payload.safeParse({ payload: p });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.path[0]).toBe('payload');
      expect(r.error!.issues[0]!.message).toMatch(message);
    }
    expect(payload.safeParse({ payload: { a: ['\uDFFF'] } }).error!.issues[0]!.path).toEqual(['payload', 'a', 0]);
  });

  it('boundedJson takes any JSON value; the object form refuses non-objects', () => {
    const any = boundedJson({ maxDepth: 4, maxBytes: 100 });
    for (const v of [1, 'x', null, [1, 2], { a: 1 }]) expect(any.safeParse(v).success).toBe(true);
    expect(any.safeParse('y'.repeat(200)).success).toBe(false);
    expect(payload.safeParse({ payload: 'not an object' }).success).toBe(false);
    expect(payload.safeParse({ payload: [1] }).success).toBe(false);
  });
});
