import { describe, expect, it } from 'vitest';
import { uniqueName } from '../graph/fragment.ts';
import { StepSchema } from '../graph/schema.ts';
import { boundedString, lengthError, TEXT_LIMITS, tooLongMessage } from './limits.ts';

describe('length limits', () => {
  it('names the limit and the length, with thousands separated', () => {
    expect(tooLongMessage(120, 600)).toBe('too long: at most 120 characters (this has 600)');
    expect(tooLongMessage(2000, 12345)).toBe('too long: at most 2,000 characters (this has 12,345)');
    expect(lengthError('x'.repeat(120), 120)).toBeNull();
    expect(lengthError('x'.repeat(121), 120)).toBe('too long: at most 120 characters (this has 121)');
  });

  it('a bounded string refuses past the limit and keeps what fits whole', () => {
    const schema = boundedString(10);
    expect(schema.parse('0123456789')).toBe('0123456789');
    const r = schema.safeParse('x'.repeat(600));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['too long: at most 10 characters (this has 600)']);
  });

  it('a step name past 120 characters is refused, not cut', () => {
    const step = { id: 's1', type: 'action', kind: 'delay', config: {}, position: { x: 0, y: 0 } };
    const r = StepSchema.safeParse({ ...step, name: 'n'.repeat(600) });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['name: too long: at most 120 characters (this has 600)']);
    expect(StepSchema.parse({ ...step, name: ` ${'n'.repeat(118)} ` }).name).toBe('n'.repeat(118));
    expect(StepSchema.safeParse({ ...step, name: '   ' }).error?.issues[0]?.message).toBe('a step needs a name');
  });

  it('numbering a long duplicate name shortens it visibly and stays within the limit', () => {
    const long = 'L'.repeat(TEXT_LIMITS.stepName);
    const second = uniqueName(long, new Set([long]));
    expect(second).toHaveLength(TEXT_LIMITS.stepName);
    expect(second).toMatch(/^L+… 2$/);
    const third = uniqueName(long, new Set([long, second]));
    expect(third).toMatch(/^L+… 3$/);
    expect(third.length).toBeLessThanOrEqual(TEXT_LIMITS.stepName);
  });
});
