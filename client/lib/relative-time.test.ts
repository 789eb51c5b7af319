import { describe, expect, it } from 'vitest';
import { formatRelative } from './relative-time.ts';

const now = new Date('2025-06-15T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatRelative', () => {
  it('says "just now" for the last 45 seconds and for small future skew', () => {
    expect(formatRelative(ago(0), now)).toBe('just now');
    expect(formatRelative(ago(44_000), now)).toBe('just now');
    expect(formatRelative(ago(-5_000), now)).toBe('just now');
  });

  it('counts minutes, hours and days', () => {
    expect(formatRelative(ago(3 * MIN), now)).toBe('3 min ago');
    expect(formatRelative(ago(59 * MIN), now)).toBe('59 min ago');
    expect(formatRelative(ago(2 * HOUR), now)).toBe('2 h ago');
    expect(formatRelative(ago(DAY), now)).toBe('yesterday');
    expect(formatRelative(ago(4 * DAY), now)).toBe('4 days ago');
  });

  it('falls back to a date after a week, with the year only when it differs', () => {
    expect(formatRelative(new Date('2025-06-01T12:00:00Z'), now)).toBe('Jun 1');
    expect(formatRelative(new Date('2024-12-24T12:00:00Z'), now)).toBe('Dec 24, 2024');
  });
});
