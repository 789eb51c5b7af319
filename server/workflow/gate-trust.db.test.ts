/**
 * No event is taken as a fact: a gate resumes only on a decision recorded on its task by someone allowed to decide,
 * the timeout outcome needs the database clock past the deadline, and every cancellation — through the API or
 * straight to the engine — leaves the engine run, the run row, its steps and its gate task agreeing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanGateResolved, makeEvent, workflowRunCancelled } from '../../shared/events/index.ts';
import { edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import type { Graph } from '../../shared/graph/schema.ts';
import type { Database } from '../db/client.ts';
import { WORKFLOW_EXECUTOR_SLUG } from '../inngest/functions/workflow-run-cancelled.ts';
import { repairCancelledRuns } from '../services/runs/repair.ts';
import { callerAs } from '../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { gateTask, publishWorkflow, runSteps, SLUG, startHarness, waitForRun, waitForStep, type Harness, poll } from './testing/harness.ts';

const positioned = (g: Graph): Graph => ({ ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 120, y: 0 } })) });
const gated = (gate: Record<string, unknown>) =>
  positioned(
    graph(
      [
        trig(),
        step('g', 'human_gate', 'human_gate', { instructions: 'Check it', assigneeRole: 'approver', timeout: '1h', onTimeout: 'approve', noSelfApproval: false, ...gate }),
        step('yes', 'transform', 'action', { mapping: { decided: "'approved'" } }),
        step('no', 'transform', 'action', { mapping: { decided: "'rejected'" } }),
      ],
      [edge('t', 'g'), edge('g', 'yes', 'yes'), edge('g', 'no', 'no')],
    ),
  );

/** The executor's pause for this workflow run (its hashed step id), or null. */
async function pauseOf(database: Database, runId: string): Promise<string | null> {
  const [p] = await database.sql`select p.step_id from ember_exec.pauses p join ember_exec.runs r on r.id = p.run_id where r.event->'data'->>'workflowRunId' = ${runId}`;
  return (p?.step_id as string | undefined) ?? null;
}

async function consistency(database: Database, runId: string) {
  const [row] = await database.db.execute<{ status: string }>(sql`select status from workflow_runs where id = ${runId}`);
  const [engine] = await database.sql`select status from ember_exec.runs where function_slug = ${WORKFLOW_EXECUTOR_SLUG} and event->'data'->>'workflowRunId' = ${runId}`;
  const [task] = await database.db.execute<{ status: string; decision: string | null }>(sql`select status, decision from tasks where run_id = ${runId} and type = 'human_gate'`);
  const steps = await runSteps(database, runId);
  return { run: row?.status, engine: engine?.status as string | undefined, task: task?.status, decision: task?.decision ?? null, gate: steps.g?.status, yes: steps.yes?.status ?? null };
}

describe.each(dbTargets())('gate and cancellation trust on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(t.current.database);
  });
  afterAll(async () => h?.stop());

  const start = async (name: string, gate: Record<string, unknown> = {}) => {
    const wf = await publishWorkflow(h, name, gated(gate));
    const { runId } = await h.editor.runs.start({ companySlug: SLUG, workflowId: wf.id, payload: {} });
    const taskId = await gateTask(t.current.database, runId, 'g');
    const firstPause = await poll('the gate waits', () => pauseOf(t.current.database, runId), (p) => p !== null);
    return { runId, taskId, firstPause: firstPause! };
  };

  it('a wake-up without a decision leaves the gate waiting, even one that says "approved" on an approve-on-timeout gate', async () => {
    const { runId, taskId, firstPause } = await start('Forged wake-up');
    const [company] = await t.current.database.db.execute<{ company_id: string }>(sql`select company_id from tasks where id = ${taskId}`);
    await h.sendEvent([
      makeEvent(humanGateResolved, `forged:${taskId}`, { companyId: company!.company_id, workflowRunId: runId, stepId: 'g', taskId, decision: 'approved', comment: 'trust me', resolvedBy: null }),
    ]);
    // The gate woke, found no decision on its task, and waits again (a new pause for the time that is left).
    await poll('the gate waits again', () => pauseOf(t.current.database, runId), (p) => p !== null && p !== firstPause);
    expect(await consistency(t.current.database, runId)).toEqual({ run: 'waiting', engine: 'running', task: 'open', decision: null, gate: 'running', yes: 'pending' });
    // A real decision still ends it, by the person who made it.
    await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'rejected', comment: 'not like this' });
    await waitForRun(t.current.database, runId, ['completed']);
    expect((await runSteps(t.current.database, runId)).g!.output).toMatchObject({ decision: 'rejected', decidedBy: h.approverId, timedOut: false });
  });

  it('an engine timeout before the database deadline does not apply the timeout outcome', async () => {
    // The engine's wait is 2 s; the task's deadline (the database's clock) says an hour: the gate waits on.
    const { runId, taskId, firstPause } = await start('Early timeout', { timeout: '2s' });
    await t.current.database.db.execute(sql`update tasks set due_at = now() + interval '1 hour' where id = ${taskId}`);
    await poll('the gate waits past the engine timeout', () => pauseOf(t.current.database, runId), (p) => p !== null && p !== firstPause);
    expect(await consistency(t.current.database, runId)).toMatchObject({ run: 'waiting', task: 'open', decision: null, gate: 'running' });
    await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' });
    await waitForRun(t.current.database, runId, ['completed']);
    expect((await runSteps(t.current.database, runId)).g!.output).toMatchObject({ decision: 'approved', decidedBy: h.approverId, timedOut: false });
  });

  it('applies the timeout outcome once the database deadline has passed', async () => {
    const { runId } = await start('Real timeout', { timeout: '1s' });
    await waitForRun(t.current.database, runId, ['completed']);
    expect((await runSteps(t.current.database, runId)).g!.output).toMatchObject({ decision: 'approved', decidedBy: null, timedOut: true });
  });

  it('refuses decisions by people who may not decide, and the gate keeps waiting', async () => {
    const { runId, taskId } = await start('Unauthorised deciders', { noSelfApproval: true });
    const viewer = await callerAs(t.current.database.db, 'hannah@copperkettle.example', async () => {});
    await expect(viewer.caller.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The starter (rachel, the editor who ran it) may not approve her own run.
    await expect(h.editor.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Another company's admin cannot reach the task at all.
    const owen = await callerAs(t.current.database.db, 'owen@bluewater.example', async () => {});
    await expect(owen.caller.gates.resolve({ companySlug: 'bluewater', taskId, decision: 'approved' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await consistency(t.current.database, runId)).toMatchObject({ run: 'waiting', task: 'open', decision: null, gate: 'running' });
    await h.approver.gates.resolve({ companySlug: SLUG, taskId, decision: 'approved' });
    await waitForRun(t.current.database, runId, ['completed']);
  });

  it('cancelling through the API cancels the engine run, the row, its steps and its gate together', async () => {
    const { runId } = await start('Cancel by API');
    await h.editor.runs.cancel({ companySlug: SLUG, id: runId });
    expect(await consistency(t.current.database, runId)).toMatchObject({ run: 'cancelled', task: 'cancelled', gate: 'skipped', yes: 'skipped' });
    const after = await poll('the engine run ends', () => consistency(t.current.database, runId), (c) => c.engine !== 'running');
    expect(after).toEqual({ run: 'cancelled', engine: 'cancelled', task: 'cancelled', decision: null, gate: 'skipped', yes: 'skipped' });
  });

  it('a cancellation that reaches the engine directly is mirrored onto the rows', async () => {
    const { runId, taskId } = await start('Cancel at the engine');
    const [company] = await t.current.database.db.execute<{ company_id: string }>(sql`select company_id from tasks where id = ${taskId}`);
    await h.sendEvent([makeEvent(workflowRunCancelled, `engine-cancel:${runId}`, { companyId: company!.company_id, workflowRunId: runId, cancelledBy: null })]);
    const after = await poll('the rows follow the engine', () => consistency(t.current.database, runId), (c) => c.run === 'cancelled');
    expect(after).toEqual({ run: 'cancelled', engine: 'cancelled', task: 'cancelled', decision: null, gate: 'skipped', yes: 'skipped' });
  });

  it('the reconciler repairs a run an older engine cancelled without its rows', async () => {
    const { runId, taskId } = await start('Left inconsistent');
    const [company] = await t.current.database.db.execute<{ company_id: string }>(sql`select company_id from tasks where id = ${taskId}`);
    await h.sendEvent([makeEvent(workflowRunCancelled, `old-cancel:${runId}`, { companyId: company!.company_id, workflowRunId: runId, cancelledBy: null })]);
    await poll('mirrored', () => consistency(t.current.database, runId), (c) => c.run === 'cancelled');
    // What older code left behind: the engine run cancelled, the rows still waiting.
    await t.current.database.db.execute(sql`update workflow_runs set status = 'waiting', finished_at = null where id = ${runId}`);
    await t.current.database.db.execute(sql`update workflow_run_steps set status = 'running', finished_at = null where run_id = ${runId} and step_id = 'g'`);
    await t.current.database.db.execute(sql`update tasks set status = 'open' where id = ${taskId}`);
    const repaired = await repairCancelledRuns(t.current.database.db, { cancelledWorkflowRuns: (ids) => h.executor.cancelledRunsBy(WORKFLOW_EXECUTOR_SLUG, 'workflowRunId', ids) });
    expect(repaired).toEqual([runId]);
    expect(await consistency(t.current.database, runId)).toMatchObject({ run: 'cancelled', engine: 'cancelled', task: 'cancelled', gate: 'skipped' });
    expect(await repairCancelledRuns(t.current.database.db, { cancelledWorkflowRuns: (ids) => h.executor.cancelledRunsBy(WORKFLOW_EXECUTOR_SLUG, 'workflowRunId', ids) })).toEqual([]);
  });
});
