import { describe, expect, it } from 'vitest';
import { checkHostile, DEFAULT_HOSTILE_LIMITS, describeHostile, formatBytes } from './hostile.ts';

/** `{a: {a: … 1}}`, `depth` objects deep, built without recursion. */
function nested(depth: number, key = 'a'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { [key]: v };
  return v;
}
function nestedArrays(depth: number): unknown {
  let v: unknown = [];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
}

describe('checkHostile', () => {
  it('passes ordinary JSON, including astral characters, empty containers and every scalar', () => {
    const ok = { name: 'Café ☕ 😀', list: [1, 2.5, -3e10, true, false, null, '', {}, []], nested: nested(20), when: new Date(), bytes: new Uint8Array(8) };
    expect(checkHostile(ok)).toBeNull();
    for (const v of [null, undefined, 0, '', 'x', [], {}, true]) expect(checkHostile(v)).toBeNull();
  });

  it('refuses a NUL character in a string, naming the path', () => {
    expect(checkHostile({ workflow: { name: 'ok' }, payload: { items: ['fine', 'bad\u0000'] } })).toEqual({
      reason: 'nul',
      path: ['payload', 'items', 1],
      field: 'payload.items.1',
      message: expect.stringContaining('NUL'),
    });
    expect(checkHostile('\u0000')).toMatchObject({ reason: 'nul', path: [], field: '(input)' });
  });

  it('refuses lone surrogates (high, low, reversed pair) but not a proper pair', () => {
    for (const s of ['x\uD800', '\uDC00x', 'a\uDE00\uD83Db', '\uD83D']) expect(checkHostile({ s })).toMatchObject({ reason: 'lone_surrogate', path: ['s'] });
    expect(checkHostile({ s: '\uD83D\uDE00' })).toBeNull();
  });

  it('refuses hostile object keys, echoing the key escaped and cut, never raw', () => {
    const nul = checkHostile({ payload: { 'k\u0000': 1 } });
    expect(nul).toMatchObject({ reason: 'nul', path: ['payload', 'k\\u0000'], message: expect.stringContaining('key') });
    const lone = checkHostile({ ['\uD800'.repeat(100)]: 1 });
    expect(lone?.reason).toBe('lone_surrogate');
    expect(String(lone?.path[0]).length).toBeLessThanOrEqual(65);
    expect(String(lone?.path[0])).not.toMatch(/[\uD800-\uDFFF]/);
  });

  it('refuses nesting past maxDepth at the first level beyond it, for objects and arrays', () => {
    expect(checkHostile(nested(64))).toBeNull();
    expect(checkHostile(nested(65))).toMatchObject({ reason: 'too_deep', message: 'is nested more than 64 levels deep' });
    expect(checkHostile(nested(65))!.path).toHaveLength(64);
    expect(checkHostile(nested(3), { maxDepth: 2 })).toMatchObject({ reason: 'too_deep', path: ['a', 'a'], field: 'a.a' });
    expect(checkHostile(nestedArrays(5), { maxDepth: 4 })).toMatchObject({ reason: 'too_deep', path: [0, 0, 0, 0] });
  });

  it('walks 100,000 and 1,000,000 levels without recursion (no stack overflow), in bounded time', () => {
    const t0 = performance.now();
    expect(checkHostile(nested(100_000))?.reason).toBe('too_deep');
    expect(checkHostile(nestedArrays(1_000_000))?.reason).toBe('too_deep');
    // A JSON.parse'd one, as a request body arrives.
    expect(checkHostile(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))?.reason).toBe('too_deep');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('a cycle (possible through createCaller) ends as too deep', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(checkHostile(a)?.reason).toBe('too_deep');
  });

  it('refuses a value over maxBytes, counting UTF-8 bytes, naming the field that crossed it and the limit', () => {
    expect(checkHostile({ s: 'x'.repeat(90) }, { maxBytes: 100 })).toBeNull();
    expect(checkHostile({ s: 'x'.repeat(100) }, { maxBytes: 100 })).toMatchObject({ reason: 'too_large', path: ['s'], message: 'is larger than the limit of 100 bytes' });
    // 40 × 3-byte characters: 120 bytes, though 40 code units.
    expect(checkHostile({ s: '€'.repeat(40) }, { maxBytes: 100 })).toMatchObject({ reason: 'too_large', path: ['s'] });
    expect(checkHostile({ s: '😀'.repeat(20) }, { maxBytes: 100 })).toBeNull();
    expect(checkHostile({ s: '😀'.repeat(30) }, { maxBytes: 100 })?.reason).toBe('too_large');
    // Many small values add up; a huge array is refused before its elements are walked.
    expect(checkHostile({ list: Array.from({ length: 60 }, () => 1) }, { maxBytes: 100 })).toMatchObject({ reason: 'too_large', path: ['list', 30] });
    expect(checkHostile({ list: Array.from({ length: 200 }, () => 1) }, { maxBytes: 100 })).toMatchObject({ reason: 'too_large', path: ['list'] });
    expect(checkHostile({ ['k'.repeat(200)]: 1 }, { maxBytes: 100 })?.reason).toBe('too_large');
    expect(checkHostile({ payload: 'x'.repeat(5 * 1024 * 1024) }, { maxBytes: 256 * 1024 })).toMatchObject({ reason: 'too_large', message: 'is larger than the limit of 256 KB' });
  });

  it('defaults to 64 levels and 8 MB', () => {
    expect(DEFAULT_HOSTILE_LIMITS).toEqual({ maxDepth: 64, maxBytes: 8 * 1024 * 1024 });
    expect(checkHostile({ s: 'x'.repeat(8 * 1024 * 1024) })?.reason).toBe('too_large');
    expect(checkHostile({ s: 'x'.repeat(8 * 1024 * 1024 - 20) })).toBeNull();
  });

  it('reports the first problem in document order', () => {
    expect(checkHostile({ a: ['ok', 'n\u0000'], b: '\uD800' })?.path).toEqual(['a', 1]);
    expect(checkHostile([nested(100), 'n\u0000'], { maxDepth: 10 })?.reason).toBe('too_deep');
    expect(checkHostile(['n\u0000', nested(100)], { maxDepth: 10 })?.reason).toBe('nul');
  });

  it('checks a 50 MB string quickly', () => {
    const big = 'abc,def\n'.repeat(6_250_000);
    const t0 = performance.now();
    expect(checkHostile({ csv: big }, { maxBytes: 64 * 1024 * 1024 })).toBeNull();
    expect(checkHostile({ csv: `${big}\u0000` }, { maxBytes: 64 * 1024 * 1024 })?.reason).toBe('nul');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('describes an issue in one line', () => {
    expect(describeHostile(checkHostile({ p: { q: 'a\u0000' } })!)).toBe('p.q: contains a NUL character (U+0000), which is not allowed');
    expect(formatBytes(256 * 1024)).toBe('256 KB');
    expect(formatBytes(8 * 1024 * 1024)).toBe('8 MB');
  });
});
