import { afterEach, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import { parseAllowlist, setConfiguredAllowlist } from '../../shared/net/allowlist.ts';
import { createEditorStore, revalidate, type WorkflowMeta } from './store.ts';

const META: WorkflowMeta = { id: 'w', companySlug: 'acme', name: 'W', revision: 1, isEnabled: false, triggerConfig: { type: 'manual' }, published: null };
const internalCall = graph([trig(), step('h', 'http_request', 'action', { method: 'GET', url: 'http://10.1.2.3/hook', headers: {}, timeoutMs: 5000 })], [edge('t', 'h')]);

afterEach(() => setConfiguredAllowlist(null));

describe("the server's allowlist in the editor", () => {
  it('flags a private URL until the allowlist covering it arrives, then drops the issue', () => {
    const store = createEditorStore(internalCall, META);
    expect(store.getState().issues.all).toEqual([expect.objectContaining({ code: 'INVALID_CONFIG', stepId: 'h', field: 'url', message: expect.stringContaining('10.1.2.3 is a private address') })]);
    setConfiguredAllowlist(parseAllowlist('10.0.0.0/8'));
    revalidate(store);
    expect(store.getState().issues.all).toEqual([]);
  });

  it('leaves a store built without validation alone', () => {
    const store = createEditorStore(internalCall, META, undefined, { validate: false });
    revalidate(store);
    expect(store.getState().issues.all).toEqual([]);
  });
});
