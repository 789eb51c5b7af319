import { describe, expect, it } from 'vitest';
import { MAX_DELEGATION_DAYS, periodProblems } from './delegation-period.ts';

const now = new Date('2026-03-02T09:00:00Z');
const at = (iso: string) => new Date(iso);

describe('periodProblems', () => {
  it('accepts a period from now, or from a later start, to a later end', () => {
    expect(periodProblems({ until: at('2026-03-06T17:00:00Z') }, now)).toEqual([]);
    expect(periodProblems({ from: at('2026-03-09T00:00:00Z'), until: at('2026-03-13T17:00:00Z') }, now)).toEqual([]);
  });

  it('refuses an end in the past, or not after the start, under until', () => {
    expect(periodProblems({ until: at('2026-03-01T09:00:00Z') }, now)).toEqual([{ field: 'until', message: 'The end is in the past' }]);
    expect(periodProblems({ until: now }, now)).toEqual([{ field: 'until', message: 'The end is in the past' }]);
    expect(periodProblems({ from: at('2026-03-10T00:00:00Z'), until: at('2026-03-09T00:00:00Z') }, now)).toEqual([{ field: 'until', message: 'End after the start' }]);
  });

  it(`bounds the period to ${MAX_DELEGATION_DAYS} days and its start to a year ahead`, () => {
    const start = at('2026-04-01T00:00:00Z');
    const limit = new Date(start.getTime() + MAX_DELEGATION_DAYS * 86_400_000);
    expect(periodProblems({ from: start, until: limit }, now)).toEqual([]);
    expect(periodProblems({ from: start, until: new Date(limit.getTime() + 1) }, now)).toEqual([{ field: 'until', message: `At most ${MAX_DELEGATION_DAYS} days after the start` }]);
    expect(periodProblems({ from: at('2027-06-01T00:00:00Z'), until: at('2027-06-02T00:00:00Z') }, now)).toEqual([{ field: 'from', message: 'Start within 365 days' }]);
  });
});
