import { describe, expect, it } from 'vitest';
import { LevelSchema } from '../../shared/approvals/chain-config.ts';
import { humanGateStep } from '../../shared/steps/kinds/human-gate.ts';
import { fieldErrors } from './zod-fields.ts';
import { errorUnder, levelsOf, newLevel, parseReminders, ruleFor, withDeciders, withLevel } from './levels-model.ts';

const USER = '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11';
const gate = (levels: unknown) => ({ instructions: 'Check it', timeout: '1h', onTimeout: 'fail', noSelfApproval: true, levels });

describe("the approval chain's form", () => {
  it('starts a chain from the assignee a gate had, so its meaning is kept', () => {
    expect(levelsOf(undefined, { role: 'approver', userId: '' })).toEqual([{ deciders: { role: 'approver' }, approvals: 'any', onBreach: 'timeout' }]);
    expect(levelsOf(undefined, { role: 'approver', userId: USER })).toEqual([{ deciders: { userIds: [USER] }, approvals: 'any', onBreach: 'timeout' }]);
    expect(levelsOf([newLevel('admin')], {})).toEqual([{ deciders: { role: 'admin' }, approvals: 'any', onBreach: 'timeout' }]);
  });

  it('writes exactly the config chain-config accepts: every control, then every control emptied again', () => {
    let level = newLevel();
    level = withLevel(level, { name: 'Finance', approvals: ruleFor('k', level.approvals), sla: '4h', remindAt: parseReminders('50, 90%'), onBreach: 'escalate', escalateTo: { role: 'admin' } });
    level = { ...level, deciders: withDeciders(level.deciders, { userIds: [USER], expression: 'event.data.amount > 1000 ? "admin" : "approver"' }) };
    expect(level).toEqual({
      name: 'Finance', deciders: { role: 'approver', userIds: [USER], expression: 'event.data.amount > 1000 ? "admin" : "approver"' },
      approvals: 2, sla: '4h', remindAt: [50, 90], onBreach: 'escalate', escalateTo: { role: 'admin' },
    });
    expect(LevelSchema.parse(level)).toEqual(level);
    expect(humanGateStep.config.safeParse(gate([level, newLevel('admin')])).success).toBe(true);

    // Emptied, the optional parts leave no "" or [] behind, and the escalation target goes with the escalation.
    const bare = withLevel({ ...level, deciders: withDeciders(level.deciders, { role: '', userIds: [], expression: '  ' }) }, { name: ' ', sla: '', remindAt: [], onBreach: 'timeout', approvals: ruleFor('all', 2) });
    expect(bare).toEqual({ deciders: {}, approvals: 'all', onBreach: 'timeout' });
  });

  it("puts the schema's messages under the control they are about", () => {
    const levels = [{ deciders: {}, approvals: 'any', onBreach: 'escalate' }, { deciders: { role: 'admin' }, sla: 'soon', remindAt: [50, 'x'], onBreach: 'timeout', approvals: 'any' }];
    const errors = fieldErrors(humanGateStep.config, gate(levels)).byPath;
    expect(errorUnder(errors, 'levels.0.deciders')).toBe('Name a role, users or an expression');
    expect(errorUnder(errors, 'levels.0.escalateTo')).toBe('Say who the level escalates to');
    expect(errorUnder(errors, 'levels.1.sla')).toBe('Use a duration like 30s, 15m, 2h or 3d');
    expect(errorUnder(errors, 'levels.1.remindAt')).toMatch(/number/i);
    expect(errorUnder(errors, 'levels.1.deciders')).toBeUndefined();
  });
});
