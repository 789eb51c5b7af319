/** Human gates end to end: approve, reject, timeout, a decision that beat the wait, a lost event, deciding twice. */
import { dataOf } from '../../shared/events/index.ts';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import { eventsToRedeliver } from '../services/triggers/redeliver.ts';
import { callerAs } from '../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { gateTask, publishWorkflow, runSteps, SLUG, startHarness, waitForRun, waitForStep, type Harness } from './testing/harness.ts';

const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) });
const gateStep = (id: string, extra: Record<string, unknown> = {}) =>
  step(id, 'human_gate', 'human_gate', { instructions: 'Check the copy', assigneeRole: 'approver', timeout: '1h', onTimeout: 'fail', noSelfApproval: false, ...extra });
const gated = (gate = gateStep('g')) =>
  positioned(graph(
    [trig(), gate, step('yes', 'transform', 'action', { mapping: { decided: "'approved'" } }), step('no', 'transform', 'action', { mapping: { decided: "'rejected'" } })],
    [edge('t', 'g'), edge('g', 'yes', 'yes'), edge('g', 'no', 'no')],
  ));

describe.each(dbTargets())('human gates on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(t.current.database);
  });
  afterAll(async () => h?.stop());

  const startGated = async (name: string, g = gated()) => {
    const wf = await publishWorkflow(h, name, g);
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: { sku: 'CK-1' } });
    return { wf, runId };
  };

  it('waits without holding anything open, then follows yes on approval', async () => {
    const { runId } = await startGated('Approve path');
    const taskId = await gateTask(t.current.database, runId, 'g');
    await waitForRun(t.current.database, runId, ['waiting']);
    expect((await h.executor.lagMs())).toBeLessThan(1000);
    const inbox = await h.approver.gates.list({ companySlug: SLUG });
    expect(inbox.map((g) => g.id)).toContain(taskId);
    expect(await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved', comment: 'looks good' })).toEqual({ taskId, decision: 'approved', alreadyDecided: false });
    expect(await waitForRun(t.current.database, runId, ['completed', 'failed'])).toMatchObject({ status: 'completed' });
    const s = await runSteps(t.current.database, runId);
    expect(s.g!.output).toMatchObject({ decision: 'approved', comment: 'looks good', decidedBy: h.approverId, timedOut: false });
    expect([s.yes!.status, s.no!.status]).toEqual(['completed', 'skipped']);
    expect((await h.approver.gates.list({ companySlug: SLUG })).map((g) => g.id)).not.toContain(taskId);
  });

  it('follows no on rejection, which needs a comment', async () => {
    const { runId } = await startGated('Reject path');
    const taskId = await gateTask(t.current.database, runId, 'g');
    await expect(h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'rejected' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'rejected', comment: 'wrong net content' });
    await waitForRun(t.current.database, runId, ['completed']);
    const s = await runSteps(t.current.database, runId);
    expect([s.yes!.status, s.no!.status]).toEqual(['skipped', 'completed']);
  });

  it('on timeout applies the configured outcome', async () => {
    const { runId } = await startGated('Timeout reject', gated(gateStep('g', { timeout: '1s', onTimeout: 'reject' })));
    await waitForRun(t.current.database, runId, ['completed', 'failed']);
    const s = await runSteps(t.current.database, runId);
    expect(s.g!.output).toMatchObject({ decision: 'rejected', timedOut: true });
    expect([s.yes!.status, s.no!.status]).toEqual(['skipped', 'completed']);
    const [task] = await t.current.database.db.execute<{ status: string }>(sql`select status from tasks where run_id = ${runId}`);
    expect(task!.status).toBe('cancelled');

    const failing = await startGated('Timeout fail', gated(gateStep('g', { timeout: '1s', onTimeout: 'fail' })));
    expect(await waitForRun(t.current.database, failing.runId, ['completed', 'failed'])).toMatchObject({ status: 'failed', error: expect.objectContaining({ message: expect.stringContaining('timed out') }) });
  });

  it('a decision made before the wait existed is not lost', async () => {
    const wf = await publishWorkflow(h, 'Early decision', gated(step('g', 'human_gate', 'human_gate', { instructions: 'x', timeout: '1h', onTimeout: 'fail', noSelfApproval: false, })));
    // Stop the engine so the run cannot reach its gate, decide the gate's task first, then let it run.
    await h.executor.stop();
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const [{ company_id: companyId }] = await t.current.database.sql`select company_id from workflow_runs where id = ${runId}` as unknown as [{ company_id: string }];
    await t.current.database.sql`insert into tasks (company_id, type, title, run_id, step_id, dedupe_key, decision, decided_by, decided_at, status, comment)
      values (${companyId}, 'human_gate', 'g', ${runId}, 'g', ${`gate:${runId}:g`}, 'approved', ${h.approverId}, now(), 'done', 'pre-approved')`;
    h = await startHarness(t.current.database);
    expect(await waitForRun(t.current.database, runId, ['completed', 'failed'])).toMatchObject({ status: 'completed' });
    expect((await runSteps(t.current.database, runId)).g!.output).toMatchObject({ decision: 'approved', comment: 'pre-approved' });
  });

  it('a decision whose event was lost is re-delivered by the reconciler', async () => {
    const { runId } = await startGated('Lost event');
    const taskId = await gateTask(t.current.database, runId, 'g');
    await waitForStep(t.current.database, runId, 'g', ['running']);
    const deaf = await callerAs(t.current.database.db, 'dana@copperkettle.example', async () => {}); // its events go nowhere
    await deaf.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' });
    expect((await runSteps(t.current.database, runId)).g!.status).toBe('running');
    const events = await eventsToRedeliver(t.current.database.db, new Date(Date.now() + 10_000));
    expect(events.filter((e) => e.name === 'workflow/human_gate.resolved').map((e) => dataOf(e, 'workflow/human_gate.resolved').taskId)).toContain(taskId);
    await h.sendEvent(events);
    expect(await waitForRun(t.current.database, runId, ['completed', 'failed'])).toMatchObject({ status: 'completed' });
    expect((await eventsToRedeliver(t.current.database.db, new Date(Date.now() + 10_000))).filter((e) => e.name === 'workflow/human_gate.resolved').map((e) => dataOf(e, 'workflow/human_gate.resolved').taskId)).not.toContain(taskId);
  });

  it('deciding twice changes nothing; a contrary second decision is refused; non-approvers cannot decide', async () => {
    const { runId, wf } = await startGated('Twice');
    const taskId = await gateTask(t.current.database, runId, 'g');
    const viewer = await callerAs(t.current.database.db, 'hannah@copperkettle.example', h.sendEvent);
    await expect(viewer.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' });
    expect(await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' })).toMatchObject({ alreadyDecided: true });
    const contrary = await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'rejected', comment: 'changed my mind' }).catch((e: TRPCError) => e.code);
    expect(contrary).toBe('CONFLICT');
    await waitForRun(t.current.database, runId, ['completed']);
    const audits = await t.current.database.db.execute<{ n: number }>(sql`select count(*)::int n from workflow_audit_log where workflow_id = ${wf.id} and action = 'gate_resolved'`);
    expect(audits[0]!.n).toBe(1);
    expect((await runSteps(t.current.database, runId)).yes!.status).toBe('completed');
  });

  it('no self-approval: the person who started the run may not approve it', async () => {
    const admin = await callerAs(t.current.database.db, 'priya@copperkettle.example', h.sendEvent);
    const wf = await publishWorkflow(h, 'Four eyes', gated(gateStep('g', { noSelfApproval: true })));
    const { runId } = await admin.caller.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const taskId = await gateTask(t.current.database, runId, 'g');
    await expect(admin.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('someone else') });
    await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' });
    await waitForRun(t.current.database, runId, ['completed']);
  });
});
