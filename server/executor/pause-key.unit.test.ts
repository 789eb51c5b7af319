import { describe, expect, it } from 'vitest';
import { celMatches } from './cel.ts';
import { keyValue, pauseKey, valueAt } from './pause-key.ts';

const run = { name: 'order/created', data: { k: 'o-1', n: 7, nested: { id: 'x' }, list: [1] } };

describe('pause keys: the equality a waitForEvent `if` pins', () => {
  it("keys the SDK's match expression by the run's own value, exactly", () => {
    expect(pauseKey('event.data.k == async.data.k', run)).toEqual({ path: 'data.k', value: 's:o-1', exact: true });
    expect(pauseKey('async.data.nested.id == event.data.nested.id', run)).toEqual({ path: 'data.nested.id', value: 's:x', exact: true });
  });

  it('keys a conjunct, leaving the rest to CEL', () => {
    expect(pauseKey("async.data.level > 1 && async.data.key == 'o-1'", run)).toEqual({ path: 'data.key', value: 's:o-1', exact: false });
  });

  it('does not key what it cannot prove: disjunctions, negations, non-scalars, missing fields, bad syntax', () => {
    for (const e of ['event.data.k == async.data.k || async.data.all == true', '!(async.data.k == event.data.k)', 'async.data.list == event.data.list', 'async.data.k == event.data.missing', 'async.data.k ==', 'async.data.k != event.data.k', null]) {
      expect(pauseKey(e, run)).toBeNull();
    }
  });

  it('leaves a numeric literal to CEL (int and double)', () => {
    expect(pauseKey('async.data.n == 7', run)).toEqual({ path: 'data.n', value: 'n:7', exact: false });
    expect(pauseKey('async.data.n == event.data.n', run)).toEqual({ path: 'data.n', value: 'n:7', exact: true });
  });

  it('an exact key agrees with CEL on matching and non-matching events', () => {
    const expr = 'event.data.k == async.data.k';
    const key = pauseKey(expr, run)!;
    for (const incoming of [{ data: { k: 'o-1' } }, { data: { k: 'o-2' } }, { data: { k: 1 } }, { data: {} }]) {
      const indexed = keyValue(valueAt(incoming, key.path)) === key.value;
      expect(indexed).toBe(celMatches(expr, { event: run, async: incoming }));
    }
  });
});
