import { describe, expect, it } from 'vitest';
import type { ApprovalPolicy } from '../../shared/approvals/policy.ts';
import { edge, gate, graph, step, trig } from '../../shared/graph/fixtures.ts';
import { updateConfig } from './commands.ts';
import { createEditorStore, setPolicies, undo, type WorkflowMeta } from './store.ts';

const META: WorkflowMeta = { id: 'w', companySlug: 'acme', name: 'W', revision: 1, isEnabled: false, triggerConfig: { type: 'manual' }, published: null };
const push = step('h', 'delay', 'action', { duration: '1s' }, 'Push');
const guarded = graph([trig(), gate('g'), push], [edge('t', 'g'), edge('g', 'h', 'yes')]);
const twoLevels: ApprovalPolicy = { id: 'two', name: 'Two approvals before a push', kinds: ['delay'], minLevels: 2 };
const policyIssues = (s: ReturnType<typeof createEditorStore>) => s.getState().issues.all.filter((i) => i.code === 'POLICY').map((i) => [i.stepId, i.policyId]);

describe('company policies in the editor', () => {
  it('marks the step a policy names once the policies arrive, and follows each edit and undo', () => {
    const store = createEditorStore(guarded, META);
    expect(policyIssues(store)).toEqual([]);
    setPolicies(store, [twoLevels]);
    expect(policyIssues(store)).toEqual([['h', 'two']]);
    expect(store.getState().issues.byStep.get('h')?.[0]?.message).toContain('Two approvals before a push');

    // A second level on the approval meets the policy: the mark goes with the edit, and comes back with undo.
    const levels = [{ deciders: { role: 'approver' } }, { deciders: { role: 'admin' } }];
    updateConfig(store, 'g', { ...store.getState().graph.steps[1]!.config, levels }, 'levels');
    expect(policyIssues(store)).toEqual([]);
    undo(store);
    expect(policyIssues(store)).toEqual([['h', 'two']]);
    setPolicies(store, []);
    expect(store.getState().issues.all).toEqual([]);
  });

  it('draws nothing on a read-only comparison', () => {
    const store = createEditorStore(guarded, META, undefined, { validate: false });
    setPolicies(store, [twoLevels]);
    expect(store.getState().issues.all).toEqual([]);
  });
});
