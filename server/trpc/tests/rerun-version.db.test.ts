/**
 * Rerun asks which version: the run's own (pinned) version or the current published one, and answers with the
 * version number it started. A rerun from a step only runs on the run's own version (it reuses that graph's outputs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../../shared/graph/fixtures.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { callerAs } from '../../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { publishWorkflow, runSteps, SLUG, startHarness, waitForRun, type Harness } from '../../workflow/testing/harness.ts';

const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 280, y: 0 } })) });
const version = (label: string) => positioned(graph([trig(), step('x', 'transform', 'action', { mapping: { which: `'${label}'`, sku: 'event.data.sku' } })], [edge('t', 'x')]));

describe.each(dbTargets())('rerun on a chosen version on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(t.current.database);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("reruns on the run's own version or on the published one, and says which number it started", async () => {
    const wf = await publishWorkflow(h, 'Rerun on a chosen version', version('one'));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { sku: 'CK-1' } });
    expect(await waitForRun(t.current.database, runId, ['completed', 'failed'])).toMatchObject({ status: 'completed', workflow_version_id: wf.versionId });

    // Version 2 is published after the run.
    const saved = await h.editor.workflows.saveGraph({ companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: version('two') });
    const v2 = await h.editor.workflows.publish({ companySlug: SLUG, id: wf.id, expectedRevision: saved.revision });

    const own = await h.editor.runs.rerun({ companySlug: SLUG, id: runId, version: 'run' });
    expect(own.version).toBe(1);
    expect(await waitForRun(t.current.database, own.runId, ['completed', 'failed'])).toMatchObject({ status: 'completed', workflow_version_id: wf.versionId });
    expect((await runSteps(t.current.database, own.runId)).x!.output).toEqual({ which: 'one', sku: 'CK-1' });

    const newest = await h.editor.runs.rerun({ companySlug: SLUG, id: runId, version: 'published' });
    expect(newest.version).toBe(2);
    expect(await waitForRun(t.current.database, newest.runId, ['completed', 'failed'])).toMatchObject({ status: 'completed', workflow_version_id: v2.versionId });
    expect((await runSteps(t.current.database, newest.runId)).x!.output).toEqual({ which: 'two', sku: 'CK-1' });

    // The list and the run view tell the versions apart.
    const listed = await h.editor.runs.list({ companySlug: SLUG, workflowId: wf.id });
    expect(listed.find((r) => r.id === own.runId)).toMatchObject({ version: 1, triggerType: 'rerun' });
    expect(listed.find((r) => r.id === newest.runId)).toMatchObject({ version: 2, triggerType: 'rerun' });
  });

  it('refuses a rerun from a step on the published version, and a role that may not run', async () => {
    const wf = await publishWorkflow(h, 'Rerun refusals', version('one'));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    await waitForRun(t.current.database, runId, ['completed', 'failed']);
    await expect(h.editor.runs.rerun({ companySlug: SLUG, id: runId, fromStepId: 'x', version: 'published' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const viewer = (await callerAs(t.current.database.db, 'hannah@copperkettle.example')).caller;
    await expect(viewer.runs.rerun({ companySlug: SLUG, id: runId, version: 'run' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.editor.runs.rerun({ companySlug: SLUG, id: runId, version: 'newest' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
