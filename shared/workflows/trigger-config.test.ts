import { describe, expect, it } from 'vitest';
import { TriggerConfigSchema } from './trigger-config.ts';

const withFilter = (filter: string) => TriggerConfigSchema.safeParse({ type: 'event', event: 'asset/uploaded', filter });

describe('trigger filters', () => {
  it('accept an expression over the event', () => {
    expect(withFilter("has(event.data.intendedRole) && event.data.intendedRole == 'main'").success).toBe(true);
  });

  it('refuse reading a step (none has run yet), an unknown name, and bad syntax', () => {
    expect(withFilter('steps.check_1.ok == true').error?.issues[0]?.message).toBe('the filter runs before any step, so steps.check_1 is never set');
    expect(withFilter('evnt.data.x == 1').error?.issues[0]?.message).toBe('Unknown variable: evnt');
    expect(withFilter('event.data.x ==').error?.issues[0]?.message).toMatch(/^CEL syntax error/);
  });
});
