import { describe, expect, it } from 'vitest';
import { celSyntaxError, celTypeError } from './check.ts';

describe('celTypeError', () => {
  it('accepts what runs reads: event, steps, data, run, with any fields', () => {
    for (const e of ['event.data.amount > 1000', 'steps.a.b + 1 > data.c', 'size(event.data.items) > 0 && run.id != ""', 'event.data.items.map(i, i.n * 2)', 'has(steps.x.y)']) {
      expect(celTypeError(e)).toBeNull();
    }
  });

  it('names an unknown variable, function or impossible operator, with its place', () => {
    expect(celTypeError('evnt.data.x > 1')).toEqual({ message: 'Unknown variable: evnt', from: 0, to: 4 });
    expect(celTypeError('nope(1)')?.message).toMatch(/nope/);
    expect(celTypeError('1 + "a"')?.message).toMatch(/overload/);
  });

  it('leaves syntax errors to celSyntaxError', () => {
    expect(celTypeError('event.data.x >')).toBeNull();
    expect(celSyntaxError('event.data.x >')).toMatch(/Unexpected/);
  });
});
