/** Company approval policies through the API: admins set them, and a workflow that breaks one is not published. */
import { beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { callerAs, type Caller } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';

const SLUG = 'copper-kettle';
const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) });
const push = step('h', 'http_request', 'action', { method: 'POST', url: 'https://example.com/hook' });
const gate = (extra: Record<string, unknown> = {}) => step('g', 'human_gate', 'human_gate', { instructions: 'Check it', assigneeRole: 'approver', ...extra });
const twoLevels = { levels: [{ deciders: { role: 'approver' } }, { deciders: { role: 'admin' } }] };

describe.each(dbTargets())('approval policies on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let admin: Caller;
  let editor: Caller;
  beforeAll(async () => {
    admin = (await callerAs(t.current.database.db, 'priya@copperkettle.example')).caller;
    editor = (await callerAs(t.current.database.db, 'rachel@copperkettle.example')).caller;
  });

  const draft = async (name: string, g: Graph) => {
    const wf = await editor.workflows.create({ companySlug: SLUG, name });
    const saved = await editor.workflows.saveGraph({ companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: positioned(g) });
    return { id: wf.id, revision: saved.revision, issues: saved.issues };
  };

  it('only admins set policies; a push without a two-level approval with an admin level is refused, naming the step and the policy', async () => {
    const policies = [{ id: 'push', name: 'Admins approve every push', kinds: ['http_request'], minLevels: 2, role: 'admin' as const }];
    await expect(editor.companies.setApprovalPolicies({ companySlug: SLUG, policies })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await admin.companies.setApprovalPolicies({ companySlug: SLUG, policies })).toEqual(policies);
    expect(await editor.companies.approvalPolicies({ companySlug: SLUG })).toEqual(policies);

    const bare = await draft('Bare push', graph([trig(), push], [edge('t', 'h')]));
    const refused = await editor.workflows.publish({ companySlug: SLUG, id: bare.id, expectedRevision: bare.revision }).catch((e: { code: string; cause?: { details?: unknown }; message: string }) => e);
    expect(refused).toMatchObject({
      code: 'BAD_REQUEST', message: expect.stringContaining('push'),
      cause: expect.objectContaining({ code: 'INVALID_GRAPH', details: { issues: [{ code: 'POLICY', stepId: 'h', policyId: 'push', message: expect.stringContaining('Admins approve every push') }] } }),
    });
    // The editor hears of it before publishing: the draft's issues name the step and the policy, on save and on load.
    expect(bare.issues).toEqual([{ code: 'POLICY', stepId: 'h', policyId: 'push', message: expect.stringContaining('needs an approval with at least 2 levels') }]);
    expect((await editor.workflows.get({ companySlug: SLUG, id: bare.id })).issues.map((i) => [i.code, i.stepId])).toEqual([['POLICY', 'h']]);
    const oneLevel = await draft('One level', graph([trig(), gate(), push], [edge('t', 'g'), edge('g', 'h', 'yes')]));
    await expect(editor.workflows.publish({ companySlug: SLUG, id: oneLevel.id, expectedRevision: oneLevel.revision })).rejects.toThrow(/policy/);
    const ok = await draft('Two levels', graph([trig(), gate(twoLevels), push], [edge('t', 'g'), edge('g', 'h', 'yes')]));
    expect(ok.issues).toEqual([]);
    expect(await editor.workflows.publish({ companySlug: SLUG, id: ok.id, expectedRevision: ok.revision })).toMatchObject({ version: 1 });

    // Policies taken away: the bare push publishes.
    await admin.companies.setApprovalPolicies({ companySlug: SLUG, policies: [] });
    expect(await editor.workflows.publish({ companySlug: SLUG, id: bare.id, expectedRevision: bare.revision })).toMatchObject({ version: 1 });
  });

  it('refuses two policies with one id or one name, naming the later one', async () => {
    const one = { id: 'push', name: 'Approve pushes', kinds: ['http_request'], minLevels: 1 };
    for (const [second, field] of [[{ ...one, name: 'Another' }, 'id'], [{ ...one, id: 'push-2', name: ' approve PUSHES ' }, 'name']] as const) {
      const err = await admin.companies.setApprovalPolicies({ companySlug: SLUG, policies: [one, second] }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'BAD_REQUEST' });
      expect((err as { cause: { issues: { path: unknown[] }[] } }).cause.issues.map((i) => i.path)).toEqual([['policies', 1, field]]);
    }
    expect(await admin.companies.approvalPolicies({ companySlug: SLUG })).toEqual([]);
  });
});
