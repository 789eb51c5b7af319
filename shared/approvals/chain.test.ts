import { describe, expect, it } from 'vitest';
import { humanGateStep } from '../steps/kinds/human-gate.ts';
import { afterVote, configLevels, levelTimers, mayDecide, requiredApprovals, resolveChain, resolveDeciders, tally, type GateChain, type ResolvedLevel, type Vote } from './chain.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const level = (over: Partial<ResolvedLevel> = {}): ResolvedLevel => ({
  name: 'L', deciders: { roles: [], userIds: [A, B, C] }, escalateTo: null, rule: 2, required: 2, slaMs: 100_000, remindAt: [], onBreach: 'timeout', ...over,
});
const v = (lvl: number, userId: string, decision: Vote['decision'] = 'approved'): Vote => ({ level: lvl, userId, decision });

describe('gate config', () => {
  it('an old single-assignee config parses and is a one-level chain of its assignee', () => {
    const old = humanGateStep.config.parse({ instructions: 'x', assigneeRole: 'approver', timeout: '2h', onTimeout: 'reject' });
    expect(old.noSelfApproval).toBe(true);
    expect(configLevels(old)).toEqual([{ deciders: { role: 'approver' }, approvals: 'any', onBreach: 'timeout' }]);
    expect(resolveChain(old, {}, () => 3).levels).toEqual([
      { name: 'Level 1', deciders: { roles: ['approver'], userIds: [] }, escalateTo: null, rule: 'any', required: 1, slaMs: 7_200_000, remindAt: [], onBreach: 'timeout' },
    ]);
    expect(configLevels(humanGateStep.config.parse({ instructions: 'x' }))[0]!.deciders).toEqual({});
    // A named assignee alone decides, as before chains, even with a role set beside it.
    expect(configLevels(humanGateStep.config.parse({ instructions: 'x', assigneeRole: 'approver', assigneeUserId: A }))[0]!.deciders).toEqual({ userIds: [A] });
  });

  it('levels: deciders must be named, escalation needs someone to escalate to, k is a positive whole number', () => {
    const base = { instructions: 'x' };
    expect(humanGateStep.config.safeParse({ ...base, levels: [{ deciders: {} }] }).success).toBe(false);
    expect(humanGateStep.config.safeParse({ ...base, levels: [{ deciders: { role: 'approver' }, onBreach: 'escalate' }] }).success).toBe(false);
    expect(humanGateStep.config.safeParse({ ...base, levels: [{ deciders: { role: 'approver' }, approvals: 0 }] }).success).toBe(false);
    expect(humanGateStep.config.safeParse({ ...base, levels: [{ deciders: { expression: 'event.data.amount >' } }] }).success).toBe(false);
    expect(humanGateStep.config.safeParse({ ...base, when: 'event.data.amount > 1000', levels: [{ deciders: { userIds: [A, B] }, approvals: 'all', sla: '1h', remindAt: [50], onBreach: 'escalate', escalateTo: { role: 'admin' } }] }).success).toBe(true);
  });
});

describe('who decides', () => {
  it('a CEL expression picks a role or users from the run data; anything else is refused', () => {
    const d = { expression: 'event.data.amount > 1000 ? "admin" : "approver"' };
    expect(resolveDeciders(d, { event: { data: { amount: 5000 } } })).toEqual({ roles: ['admin'], userIds: [] });
    expect(resolveDeciders(d, { event: { data: { amount: 10 } } })).toEqual({ roles: ['approver'], userIds: [] });
    expect(resolveDeciders({ role: 'approver', expression: 'event.data.owners' }, { event: { data: { owners: [A, B.toUpperCase()] } } })).toEqual({ roles: ['approver'], userIds: [A, B] });
    expect(() => resolveDeciders({ expression: '"finance"' }, {})).toThrow(/expected a role/);
    expect(() => resolveDeciders({ expression: 'event.data.nope.deeper' }, { event: { data: {} } })).toThrow(/could not evaluate/);
  });

  it('named people, role holders, admins, and escalation targets only once escalated', () => {
    const l = level({ deciders: { roles: ['approver'], userIds: [A] }, escalateTo: { roles: [], userIds: [C] } });
    expect(mayDecide(l, false, { id: A, role: 'viewer' })).toBe(true);
    expect(mayDecide(l, false, { id: B, role: 'approver' })).toBe(true);
    expect(mayDecide(l, false, { id: B, role: 'editor' })).toBe(false);
    expect(mayDecide(l, false, { id: B, role: 'admin' })).toBe(true);
    expect(mayDecide(l, false, { id: C, role: 'editor' })).toBe(false);
    expect(mayDecide(l, true, { id: C, role: 'editor' })).toBe(true);
    expect(mayDecide(level({ deciders: { roles: [], userIds: [] } }), false, { id: C, role: 'approver' })).toBe(true);
  });
});

describe('counting', () => {
  it('any one, all, k of n (k capped at the people named, at least one)', () => {
    expect([requiredApprovals('any', 5), requiredApprovals('all', 5), requiredApprovals(2, 5), requiredApprovals(4, 3), requiredApprovals('all', 0)]).toEqual([1, 5, 2, 3, 1]);
  });

  it('distinct approvals count once; one rejection ends the level', () => {
    expect(tally([v(0, A), v(0, A)], 0, 2)).toEqual({ approvals: 1, outcome: 'open' });
    expect(tally([v(0, A), v(0, B)], 0, 2)).toEqual({ approvals: 2, outcome: 'approved' });
    expect(tally([v(0, A), v(0, B), v(0, C, 'rejected')], 0, 2)).toEqual({ approvals: 2, outcome: 'rejected' });
    expect(tally([v(1, A), v(1, B)], 0, 2)).toEqual({ approvals: 0, outcome: 'open' });
  });

  it('a vote moves the chain on level by level; the last level decides yes, any rejection no', () => {
    const chain: GateChain = { levels: [level(), level({ required: 1 }), level({ required: 3 })] };
    expect(afterVote(chain, 0, [v(0, A)])).toEqual({ kind: 'open' });
    expect(afterVote(chain, 0, [v(0, A), v(0, B)])).toEqual({ kind: 'next_level', level: 1 });
    expect(afterVote(chain, 1, [v(1, C, 'rejected')])).toEqual({ kind: 'decided', decision: 'rejected' });
    expect(afterVote(chain, 2, [v(2, A), v(2, B)])).toEqual({ kind: 'open' });
    expect(afterVote(chain, 2, [v(2, A), v(2, B), v(2, C)])).toEqual({ kind: 'decided', decision: 'approved' });
    expect(() => afterVote(chain, 3, [])).toThrow(/no level 4/);
  });
});

describe('timers', () => {
  const l = level({ remindAt: [50, 25], slaMs: 100_000 });
  it('the next thing is the earliest reminder not yet due, then the breach', () => {
    const sorted = { ...l, remindAt: [25, 50] };
    expect(levelTimers(sorted, 1, false, 0)).toEqual({ due: [], nextInMs: 25_000, breached: false });
    expect(levelTimers(sorted, 1, false, 30_000)).toEqual({ due: [{ key: '1:0:25', pct: 25 }], nextInMs: 20_000, breached: false });
    expect(levelTimers(sorted, 1, true, 60_000)).toEqual({ due: [{ key: '1:1:25', pct: 25 }, { key: '1:1:50', pct: 50 }], nextInMs: 40_000, breached: false });
    expect(levelTimers(sorted, 1, false, 120_000)).toMatchObject({ nextInMs: 0, breached: true });
  });
  it('the resolved chain sorts and dedupes reminder points', () => {
    const c = resolveChain({ timeout: '100s', levels: [{ deciders: { role: 'approver' }, approvals: 'any', remindAt: [50, 25, 50], onBreach: 'timeout' }] }, {}, () => 1);
    expect(c.levels[0]!.remindAt).toEqual([25, 50]);
  });
});

describe('the chain as shown', () => {
  it('levels before the open one are approved, after it waiting; votes, comments and who is still to decide', async () => {
    const { chainView } = await import('./chain-view.ts');
    const chain: GateChain = { levels: [level({ required: 1 }), level({ deciders: { roles: ['approver'], userIds: [A, B] }, required: 2, escalateTo: { roles: [], userIds: [C] } }), level()] };
    const at = '2026-01-01T00:00:00.000Z';
    const votes = [
      { level: 0, userId: A, castBy: A, decision: 'approved' as const, comment: 'ok', at },
      { level: 1, userId: B, castBy: C, decision: 'approved' as const, comment: null, at },
    ];
    const open = chainView(chain, 1, true, null, votes);
    expect(open.map((l) => [l.status, l.approvals, l.pendingUserIds])).toEqual([['approved', 1, []], ['open', 1, [A, C]], ['waiting', 0, []]]);
    expect(open[1]!.escalatedTo).toEqual({ roles: [], userIds: [C] });
    const rejected = chainView(chain, 1, false, 'rejected', [...votes, { level: 1, userId: A, castBy: A, decision: 'rejected', comment: 'no', at }]);
    expect(rejected.map((l) => l.status)).toEqual(['approved', 'rejected', 'closed']);
    expect(chainView(chain, 2, false, 'approved', [...votes, { level: 1, userId: A, castBy: A, decision: 'approved', comment: null, at }, ...[A, B, C].map((u) => ({ level: 2, userId: u, castBy: u, decision: 'approved' as const, comment: null, at }))]).map((l) => l.status)).toEqual(['approved', 'approved', 'approved']);
    expect(chainView(chain, 0, false, 'expired', []).map((l) => l.status)).toEqual(['closed', 'closed', 'closed']);
  });
});
