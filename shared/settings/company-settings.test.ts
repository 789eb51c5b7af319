import { describe, expect, it } from 'vitest';
import { humanGateStep } from '../steps/kinds/human-gate.ts';
import { CompanySettingsSchema, DEFAULT_COMPANY_SETTINGS, stepDefaultsOf } from './company-settings.ts';

describe('safe defaults for approvals', () => {
  it('a gate stored without the key forbids self-approval; an explicit false is kept', () => {
    const base = { instructions: 'Check it', timeout: '1d', onTimeout: 'fail' };
    expect(humanGateStep.config.parse(base).noSelfApproval).toBe(true);
    expect(humanGateStep.config.parse({ ...base, noSelfApproval: false }).noSelfApproval).toBe(false);
    expect(humanGateStep.defaultConfig.noSelfApproval).toBe(true);
  });

  it('the company default overrides only the approval kind, and only with a boolean', () => {
    expect(DEFAULT_COMPANY_SETTINGS.noSelfApprovalDefault).toBe(true);
    expect(stepDefaultsOf({ noSelfApprovalDefault: false })).toEqual({ human_gate: { noSelfApproval: false } });
    expect(CompanySettingsSchema.safeParse({ noSelfApprovalDefault: 'no' }).success).toBe(false);
    expect(CompanySettingsSchema.safeParse({ noSelfApprovalDefault: true, other: 1 }).success).toBe(false);
  });
});
