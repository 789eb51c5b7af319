import { describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../graph/fixtures.ts';
import { checkPolicies, type ApprovalPolicy } from './policy.ts';

const gate = (id: string, extra: Record<string, unknown> = {}) => step(id, 'human_gate', 'human_gate', { instructions: 'check', assigneeRole: 'approver', ...extra });
const http = (id: string) => step(id, 'http_request', 'action', { method: 'POST', url: 'https://example.com/hook' });
const policy = (over: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({ id: 'push', name: 'Approve every push', kinds: ['http_request'], minLevels: 1, ...over });
const twoLevels = { levels: [{ deciders: { role: 'approver' }, approvals: 'any', onBreach: 'timeout' }, { deciders: { role: 'admin' }, approvals: 'any', onBreach: 'timeout' }] };

describe('approval policies', () => {
  it('a push behind an approval passes; one without, or only behind its "no", is named with the policy', () => {
    expect(checkPolicies(graph([trig(), gate('g'), http('h')], [edge('t', 'g'), edge('g', 'h', 'yes')]), [policy()])).toEqual([]);
    expect(checkPolicies(graph([trig(), http('h')], [edge('t', 'h')]), [policy()])).toEqual([
      { policyId: 'push', stepId: 'h', message: '"h" breaks the policy "Approve every push": it needs an approval before it on every path' },
    ]);
    expect(checkPolicies(graph([trig(), gate('g'), http('h')], [edge('t', 'g'), edge('g', 'h', 'no')]), [policy()]).map((i) => i.stepId)).toEqual(['h']);
  });

  it('every path: a branch around the approval breaks it', () => {
    const g = graph(
      [trig(), step('c', 'condition', 'condition', { expression: 'true' }), gate('g'), http('h')],
      [edge('t', 'c'), edge('c', 'g', 'yes'), edge('c', 'h', 'no'), edge('g', 'h', 'yes')],
    );
    expect(checkPolicies(g, [policy()]).map((i) => i.stepId)).toEqual(['h']);
  });

  it('levels and role: an approval must have enough levels and one for the role; a skippable one does not count', () => {
    const behind = (extra: Record<string, unknown>) => graph([trig(), gate('g', extra), http('h')], [edge('t', 'g'), edge('g', 'h', 'yes')]);
    expect(checkPolicies(behind({}), [policy({ minLevels: 2 })]).map((i) => i.message)).toEqual(['"h" breaks the policy "Approve every push": it needs an approval with at least 2 levels before it on every path']);
    expect(checkPolicies(behind(twoLevels), [policy({ minLevels: 2, role: 'admin' })])).toEqual([]);
    expect(checkPolicies(behind({}), [policy({ role: 'admin' })]).map((i) => i.stepId)).toEqual(['h']);
    expect(checkPolicies(behind({ when: 'event.data.amount > 1000' }), [policy()]).map((i) => i.stepId)).toEqual(['h']);
  });

  it('only the named kinds, each offending step once per policy', () => {
    const g = graph([trig(), http('h1'), http('h2'), step('x', 'transform', 'action', { mapping: { a: '1' } })], [edge('t', 'h1'), edge('h1', 'h2'), edge('t', 'x'), edge('x', 'h2')]);
    expect(checkPolicies(g, [policy(), policy({ id: 'other', name: 'Other', kinds: ['create_task'] })]).map((i) => `${i.policyId}:${i.stepId}`)).toEqual(['push:h1', 'push:h2']);
  });
});
