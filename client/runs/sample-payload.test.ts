import { describe, expect, it } from 'vitest';
import { parsePayload } from './sample-payload.ts';

describe('parsePayload', () => {
  it('accepts a JSON object (or nothing) and explains anything else', () => {
    expect(parsePayload('{"amount": 150}')).toEqual({ payload: { amount: 150 } });
    expect(parsePayload('   ')).toEqual({ payload: {} });
    expect('error' in parsePayload('[1]')).toBe(true);
    expect('error' in parsePayload('{amount: 1}')).toBe(true);
  });
});
