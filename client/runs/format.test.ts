import { describe, expect, it } from 'vitest';
import { describeDeadline, elapsed, formatDuration } from './format.ts';

describe('run formatting', () => {
  it('formats durations at a sensible precision', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(7_800_000)).toBe('2 h 10 min');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(formatDuration(-1)).toBe('—');
  });

  it('measures running things up to now', () => {
    expect(elapsed('2026-01-01T00:00:00Z', null, Date.parse('2026-01-01T00:00:05Z'))).toBe(5000);
    expect(elapsed('2026-01-01T00:00:00Z', '2026-01-01T00:00:02Z', 0)).toBe(2000);
    expect(elapsed(null, null, 0)).toBeNull();
  });

  it('describes an SLA deadline', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(describeDeadline('2026-01-01T14:10:00Z', now)).toEqual({ text: 'due in 2 h 10 min', overdue: false, soon: false });
    expect(describeDeadline('2026-01-01T12:30:00Z', now)).toEqual({ text: 'due in 30 min', overdue: false, soon: true });
    expect(describeDeadline('2026-01-01T11:55:00Z', now)).toEqual({ text: 'overdue by 5 min', overdue: true, soon: false });
    expect(describeDeadline('2026-01-04T12:00:00Z', now).text).toBe('due in 3 d');
  });
});
