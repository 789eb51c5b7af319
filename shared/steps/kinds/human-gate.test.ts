import { describe, expect, it } from 'vitest';
import { humanGateStep } from './human-gate.ts';

const USER = '3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11';

describe("the approval step's one-line summary", () => {
  it('says who decides: the assignee, or the one level that replaces it, or how many levels', () => {
    expect(humanGateStep.summary({ assigneeRole: 'approver', timeout: '1h' })).toBe('approver · times out after 1h');
    expect(humanGateStep.summary({})).toBe('anyone · times out after 3d');
    // A one-level chain decides, whatever the stale assignee fields still say.
    expect(humanGateStep.summary({ assigneeRole: 'approver', timeout: '1h', levels: [{ deciders: { role: 'admin' } }] })).toBe('admin · times out after 1h');
    expect(humanGateStep.summary({ timeout: '1h', levels: [{ deciders: { userIds: [USER, USER.replace('3f', '4f')] } }] })).toBe('2 people · times out after 1h');
    expect(humanGateStep.summary({ timeout: '1h', levels: [{ deciders: { expression: 'event.data.who' } }] })).toBe('chosen by CEL · times out after 1h');
    expect(humanGateStep.summary({ timeout: '1h', levels: [{ deciders: { role: 'approver' } }, { deciders: { role: 'admin' } }] })).toBe('2 levels · times out after 1h');
  });
});
