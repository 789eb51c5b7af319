import { describe, expect, it } from 'vitest';
import { formatDue } from './due.ts';

describe('formatDue', () => {
  const now = new Date('2026-03-02T12:00:00Z');
  it('says how long until, or how late', () => {
    expect(formatDue(new Date('2026-03-02T12:20:00Z'), now)).toBe('in 20 min');
    expect(formatDue(new Date('2026-03-02T17:00:00Z'), now)).toBe('in 5 h');
    expect(formatDue(new Date('2026-03-07T12:00:00Z'), now)).toBe('in 5 days');
    expect(formatDue(new Date('2026-03-02T06:00:00Z'), now)).toBe('6 h late');
    expect(formatDue(new Date('2026-02-28T12:00:00Z'), now)).toBe('2 days late');
  });
});
