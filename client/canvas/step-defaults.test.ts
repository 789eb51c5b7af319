import { describe, expect, it } from 'vitest';
import { graph, trig } from '../../shared/graph/fixtures.ts';
import { stepDefaultsOf } from '../../shared/settings/company-settings.ts';
import { insertStep } from './commands.ts';
import { createEditorStore, type WorkflowMeta } from './store.ts';

const META: WorkflowMeta = { id: 'w', companySlug: 'acme', name: 'W', revision: 1, isEnabled: false, triggerConfig: { type: 'manual' }, published: null };

describe('a new approval step takes the company default', () => {
  it('forbids self-approval with no company setting at all', () => {
    const store = createEditorStore(graph([trig()], []), META);
    expect(insertStep(store, 'human_gate', {}).config.noSelfApproval).toBe(true);
  });

  it('follows a company that turned it off, and leaves other kinds alone', () => {
    const store = createEditorStore(graph([trig()], []), { ...META, stepDefaults: stepDefaultsOf({ noSelfApprovalDefault: false }) });
    expect(insertStep(store, 'human_gate', {}).config.noSelfApproval).toBe(false);
    expect(insertStep(store, 'delay', {}).config).not.toHaveProperty('noSelfApproval');
  });
});
