import { describe, expect, it } from 'vitest';
import { formatAbsolute } from '../lib/relative-time.ts';
import { awayText, fromLocalInput, standInText, toLocalInput } from './out-of-office-text.ts';

const startsAt = '2026-12-07T09:00:00.000Z';
const endsAt = '2026-12-11T17:30:00.000Z';
const from = formatAbsolute(new Date(startsAt));
const until = formatAbsolute(new Date(endsAt));

describe('out of office text', () => {
  it('says where the approvals go, now or from a later start', () => {
    expect(awayText({ name: 'Priya Raman', startsAt, endsAt, active: true })).toBe(`Your approvals go to Priya Raman until ${until}.`);
    expect(awayText({ name: 'Priya Raman', startsAt, endsAt, active: false })).toBe(`From ${from} until ${until}, your approvals go to Priya Raman.`);
  });

  it('tells the delegate whose approvals they decide', () => {
    expect(standInText({ name: 'Dana Okafor', startsAt, endsAt, active: true })).toBe(`You decide for Dana Okafor until ${until}.`);
    expect(standInText({ name: 'Dana Okafor', startsAt, endsAt, active: false })).toBe(`You will decide for Dana Okafor from ${from} until ${until}.`);
  });

  it('writes and reads datetime-local values in local time, to the minute', () => {
    const d = new Date(2026, 11, 7, 9, 5, 42);
    expect(toLocalInput(d)).toBe('2026-12-07T09:05');
    expect(fromLocalInput('2026-12-07T09:05')?.getTime()).toBe(new Date(2026, 11, 7, 9, 5).getTime());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a date')).toBeNull();
  });
});
