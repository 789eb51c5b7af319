import { describe, expect, it } from 'vitest';
import { celStatus } from './cel-field.tsx';
import { nextFireTimes } from './cron-field.tsx';
import { readableDuration } from './time-fields.tsx';
import { rowsToRecord } from './record-field.tsx';
import { parseCodes } from './list-fields.tsx';
import { draftForType } from './trigger-panel.tsx';

describe('celStatus', () => {
  it('is quiet for empty or valid expressions and explains a syntax error', () => {
    expect(celStatus('')).toBeNull();
    expect(celStatus('event.data.amount > 100')).toBeNull();
    expect(celStatus('event.data.amount >')).toMatch(/^Syntax error: /);
  });
});

describe('nextFireTimes', () => {
  const from = new Date('2026-01-05T12:00:00Z'); // a Monday, 6:00 in Chicago

  it('lists the next runs in the time zone', () => {
    const r = nextFireTimes('0 9 * * 1', 'America/Chicago', 3, from);
    if (!('times' in r)) throw new Error(r.error);
    expect(r.times.map((t) => t.toISOString())).toEqual(['2026-01-05T15:00:00.000Z', '2026-01-12T15:00:00.000Z', '2026-01-19T15:00:00.000Z']);
  });

  it('explains a bad pattern or zone', () => {
    expect(nextFireTimes('0 9 * *', 'UTC')).toEqual({ error: 'Use five fields: minute hour day month weekday' });
    expect('error' in nextFireTimes('61 9 * * *', 'UTC')).toBe(true);
    expect(nextFireTimes('0 9 * * *', 'Nowhere/Zone')).toEqual({ error: 'Pick a valid time zone to see the next runs' });
  });
});

describe('readableDuration', () => {
  it('spells durations out', () => {
    expect(readableDuration('90m')).toBe('1 hour 30 minutes');
    expect(readableDuration('3d')).toBe('3 days');
    expect(readableDuration('1w2d')).toBe('1 week 2 days');
    expect(readableDuration('soon')).toBe('');
  });
});

describe('rowsToRecord', () => {
  it('skips unnamed rows, trims keys, and refuses duplicates', () => {
    expect(rowsToRecord([[' a ', '1'], ['', 'x'], ['b', '2']])).toEqual({ record: { a: '1', b: '2' } });
    expect(rowsToRecord([['a', '1'], ['a', '2']])).toEqual({ duplicate: 'a' });
  });
});

describe('draftForType', () => {
  it('starts each trigger type from sensible values, keeping what applies', () => {
    expect(draftForType('manual', { type: 'event', event: 'a/b' })).toEqual({ type: 'manual' });
    expect(draftForType('event', { type: 'manual' })).toEqual({ type: 'event', event: '' });
    expect(draftForType('schedule', { type: 'schedule', cron: '0 7 * * 1', timezone: 'America/Chicago' })).toEqual({ type: 'schedule', cron: '0 7 * * 1', timezone: 'America/Chicago' });
    expect(draftForType('schedule', { type: 'manual' })).toMatchObject({ type: 'schedule', cron: '0 9 * * 1' });
    // A filter written for one type carries over to another that has one.
    expect(draftForType('event', { type: 'event', event: 'a/b', filter: 'true' })).toEqual({ type: 'event', event: 'a/b', filter: 'true' });
  });
});

describe('parseCodes', () => {
  it('takes one entry per line or comma, trimmed', () => {
    expect(parseCodes(' net_content\n\ningredients, title ')).toEqual(['net_content', 'ingredients', 'title']);
    expect(parseCodes('')).toEqual([]);
  });
});
