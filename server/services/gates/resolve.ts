/**
 * Deciding a human gate. The task row is the source of truth: the decision is written here first, then the event
 * is sent (after commit, with an id fixed per task); if that event is lost or arrives before the run waits, the
 * gate still reads the decision from this row, and the reconciler re-sends it to runs still waiting.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { humanGateStep } from '../../../shared/steps/kinds/human-gate.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Tx } from '../../db/client.ts';
import { humanGateResolved, makeEvent, type CatalogEvent } from '../../../shared/events/index.ts';
import { audit } from '../workflows/audit.ts';

export interface ResolveGateInput {
  taskId: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
}

export async function resolveGate(tx: Tx, actor: { userId: string; role: Role; companyId: string }, input: ResolveGateInput) {
  const [task] = await tx.execute<{ id: string; type: string; run_id: string | null; step_id: string | null; decision: string | null; decided_by: string | null; status: string }>(sql`
    select id, type, run_id, step_id, decision, decided_by, status from tasks where id = ${input.taskId} for update`);
  if (!task || task.type !== 'human_gate' || !task.run_id || !task.step_id) throw new AppError('NOT_FOUND', 'Approval not found');
  if (task.decision) {
    if (task.decision === input.decision) return { taskId: task.id, decision: input.decision, alreadyDecided: true, event: gateEvent(actor.companyId, { id: task.id, run_id: task.run_id, step_id: task.step_id }, input, task.decided_by) };
    throw new AppError('CONFLICT', `This approval was already decided: ${task.decision}`);
  }
  if (task.status === 'cancelled') throw new AppError('PRECONDITION_FAILED', 'This approval is closed: its run has ended');
  const [run] = await tx.execute<{ started_by: string | null; workflow_id: string; graph: Graph }>(sql`
    select r.started_by, r.workflow_id, v.graph from workflow_runs r join workflow_versions v on v.id = r.workflow_version_id where r.id = ${task.run_id}`);
  const step = run?.graph.steps.find((s) => s.id === task.step_id);
  const config = humanGateStep.config.safeParse(step?.config ?? {});
  if (config.success) {
    if (config.data.noSelfApproval && run!.started_by === actor.userId) throw new AppError('FORBIDDEN', 'You started this run, so someone else must decide this approval');
    if (config.data.assigneeUserId && config.data.assigneeUserId !== actor.userId && actor.role !== 'admin') throw new AppError('FORBIDDEN', 'This approval is assigned to someone else');
  }
  await tx.execute(sql`
    update tasks set decision = ${input.decision}, comment = ${input.comment}, decided_by = ${actor.userId}, decided_at = now(), status = 'done', updated_at = now()
    where id = ${task.id}`);
  await audit(tx, { companyId: actor.companyId, workflowId: run!.workflow_id, actorUserId: actor.userId, action: 'gate_resolved', detail: { runId: task.run_id, stepId: task.step_id, taskId: task.id, decision: input.decision, comment: input.comment } });
  return { taskId: task.id, decision: input.decision, alreadyDecided: false, event: gateEvent(actor.companyId, { id: task.id, run_id: task.run_id, step_id: task.step_id }, input, actor.userId) };
}

/** The wake-up a decided gate's run gets; the gate reads the decision from the task row, not from this payload. */
export function gateEvent(companyId: string, task: { id: string; run_id: string; step_id: string }, input: { decision: 'approved' | 'rejected'; comment: string | null }, decidedBy: string | null, suffix = ''): CatalogEvent {
  return makeEvent(humanGateResolved, `gate:${task.id}${suffix}`, {
    companyId, workflowRunId: task.run_id, stepId: task.step_id, taskId: task.id, decision: input.decision, comment: input.comment, resolvedBy: decidedBy,
  });
}
