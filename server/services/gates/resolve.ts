/**
 * Deciding a human gate: one vote, on the level now open. The task row is the source of truth: the vote is recorded
 * (one per person and level — a second click, or two at the same instant, counts once), the level's votes are added
 * up under the task's row lock, and the task moves to the next level or takes the gate's decision. Then the event is
 * sent (after commit, with an id fixed per vote); if that event is lost or arrives before the run waits, the gate
 * still reads the task, and the reconciler re-sends decided gates to runs still waiting.
 */
import { sql } from 'drizzle-orm';
import { afterVote, mayDecide, type GateChain, type Vote } from '../../../shared/approvals/chain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { humanGateStep } from '../../../shared/steps/kinds/human-gate.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Tx } from '../../db/client.ts';
import { humanGateResolved, makeEvent, type CatalogEvent } from '../../../shared/events/index.ts';
import { audit } from '../workflows/audit.ts';
import { levelAssignee, taskChain } from './chain-store.ts';
import { activeDelegator } from './delegation.ts';
import { notifyGateFact } from '../notifications/gate-notify.ts';

export interface ResolveGateInput {
  taskId: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
  /** Decide as this person's delegate: the vote is theirs, cast by the actor. */
  onBehalfOf?: string | null;
  /**
   * The level the decider was shown. A click on a level that has closed since (a double click, a retried request)
   * is then told apart from a vote on the level now open, which may name the same person again.
   */
  level?: number | null;
}

interface TaskRow {
  [key: string]: unknown;
  id: string; type: string; run_id: string | null; step_id: string | null; decision: string | null; decided_by: string | null; status: string;
  gate_chain: GateChain | null; gate_level: number; gate_escalated: boolean;
}

export async function resolveGate(tx: Tx, actor: { userId: string; role: Role; companyId: string }, input: ResolveGateInput) {
  const [task] = await tx.execute<TaskRow>(sql`
    select id, type, run_id, step_id, decision, decided_by, status, gate_chain, gate_level, gate_escalated from tasks where id = ${input.taskId} for update`);
  if (!task || task.type !== 'human_gate' || !task.run_id || !task.step_id) throw new AppError('NOT_FOUND', 'Approval not found');
  const ids = { id: task.id, run_id: task.run_id, step_id: task.step_id };
  if (task.decision) {
    if (task.decision === input.decision) return { taskId: task.id, decision: input.decision, alreadyDecided: true, event: gateEvent(actor.companyId, ids, input, task.decided_by) };
    throw new AppError('CONFLICT', `This approval was already decided: ${task.decision}`);
  }
  if (task.status === 'cancelled') throw new AppError('PRECONDITION_FAILED', 'This approval is closed: its run has ended');
  const [run] = await tx.execute<{ started_by: string | null; workflow_id: string; graph: Graph }>(sql`
    select r.started_by, r.workflow_id, v.graph from workflow_runs r join workflow_versions v on v.id = r.workflow_version_id where r.id = ${task.run_id}`);
  const stepConfig = run?.graph.steps.find((s) => s.id === task.step_id)?.config;
  const config = humanGateStep.config.safeParse(stepConfig ?? {});
  const chain = taskChain(task.gate_chain, stepConfig);
  const level = chain.levels[task.gate_level];
  if (!level) throw new AppError('PRECONDITION_FAILED', 'This approval has no open level');

  // Whose vote this is: the actor's own, or — as their delegate — the person who handed their decisions over.
  const voter = input.onBehalfOf ? await activeDelegator(tx, actor, input.onBehalfOf) : { id: actor.userId, role: actor.role };
  if (config.success && config.data.noSelfApproval && run!.started_by !== null && (run!.started_by === actor.userId || run!.started_by === voter.id)) {
    throw new AppError('FORBIDDEN', 'You started this run, so someone else must decide this approval');
  }
  if (input.level != null && input.level !== task.gate_level) {
    const [earlier] = await tx.execute<{ decision: string }>(sql`select decision from gate_votes where task_id = ${task.id} and level = ${input.level} and user_id = ${voter.id}`);
    if (earlier?.decision === input.decision) return { taskId: task.id, decision: input.decision, alreadyDecided: true, event: gateEvent(actor.companyId, ids, input, actor.userId, `:l${task.gate_level}`) };
    throw new AppError('CONFLICT', `That level is no longer open: the approval is at ${level.name}`);
  }
  if (!mayDecide(level, task.gate_escalated, voter)) {
    throw new AppError('FORBIDDEN', input.onBehalfOf ? `This approval's ${level.name} is not theirs to decide` : 'This approval is assigned to someone else');
  }

  const [vote] = await tx.execute<{ id: string }>(sql`
    insert into gate_votes (company_id, task_id, level, user_id, cast_by, decision, comment)
    values (${actor.companyId}, ${task.id}, ${task.gate_level}, ${voter.id}, ${actor.userId}, ${input.decision}, ${input.comment})
    on conflict (task_id, level, user_id) do nothing returning id`);
  if (!vote) {
    const [mine] = await tx.execute<{ decision: string }>(sql`select decision from gate_votes where task_id = ${task.id} and level = ${task.gate_level} and user_id = ${voter.id}`);
    if (mine?.decision === input.decision) return { taskId: task.id, decision: input.decision, alreadyDecided: true, event: gateEvent(actor.companyId, ids, input, actor.userId) };
    throw new AppError('CONFLICT', `You already decided this level: ${mine?.decision ?? 'unknown'}`);
  }
  const votes = await tx.execute<{ level: number; user_id: string; decision: Vote['decision'] }>(sql`
    select level, user_id, decision from gate_votes where task_id = ${task.id} and level = ${task.gate_level}`);
  const next = afterVote(chain, task.gate_level, votes.map((v) => ({ level: v.level, userId: v.user_id, decision: v.decision })));
  const base = { companyId: actor.companyId, workflowId: run!.workflow_id, actorUserId: actor.userId };
  const about = { runId: task.run_id, stepId: task.step_id, taskId: task.id, level: task.gate_level, levelName: level.name };
  await audit(tx, { ...base, action: 'gate_vote', detail: { ...about, decision: input.decision, comment: input.comment, ...(voter.id !== actor.userId ? { onBehalfOf: voter.id } : {}) } });

  if (next.kind === 'decided') {
    await tx.execute(sql`
      update tasks set decision = ${next.decision}, comment = ${input.comment}, decided_by = ${actor.userId}, decided_at = now(), status = 'done', updated_at = now()
      where id = ${task.id}`);
    await audit(tx, { ...base, action: 'gate_resolved', detail: { ...about, decision: next.decision, comment: input.comment } });
    return { taskId: task.id, decision: input.decision, alreadyDecided: false, event: gateEvent(actor.companyId, ids, { decision: next.decision, comment: input.comment }, actor.userId) };
  }
  if (next.kind === 'next_level') {
    const to = chain.levels[next.level]!;
    const assignee = levelAssignee(to.deciders);
    await tx.execute(sql`
      update tasks set gate_level = ${next.level}, gate_escalated = false, gate_period_started_at = now(),
        due_at = now() + ${`${to.slaMs} milliseconds`}::interval, assignee_role = ${assignee.role}, assignee_user_id = ${assignee.userId}, updated_at = now()
      where id = ${task.id}`);
    await audit(tx, { ...base, action: 'gate_level_approved', detail: { ...about, next: next.level, nextName: to.name } });
    // The next level's deciders hear that a decision now waits on them (send `notify` after the commit).
    const notice = await notifyGateFact(tx, { kind: 'decision_waiting', companyId: actor.companyId, workflowId: run!.workflow_id, runId: task.run_id, taskId: task.id, level: next.level, deciders: to.deciders, dedupeKey: `gate:${task.id}:open:${next.level}` });
    return { taskId: task.id, decision: input.decision, alreadyDecided: false, event: gateEvent(actor.companyId, ids, input, actor.userId, `:v${vote.id}`), notify: notice ? [notice] : [] };
  }
  // Not decided yet: the run still wakes, to time the next level's reminders and deadline.
  return { taskId: task.id, decision: input.decision, alreadyDecided: false, event: gateEvent(actor.companyId, ids, input, actor.userId, `:v${vote.id}`) };
}

/** The wake-up a decided gate's run gets; the gate reads the decision from the task row, not from this payload. */
export function gateEvent(companyId: string, task: { id: string; run_id: string; step_id: string }, input: { decision: 'approved' | 'rejected'; comment: string | null }, decidedBy: string | null, suffix = ''): CatalogEvent {
  return makeEvent(humanGateResolved, `gate:${task.id}${suffix}`, {
    companyId, workflowRunId: task.run_id, stepId: task.step_id, taskId: task.id, decision: input.decision, comment: input.comment, resolvedBy: decidedBy,
  });
}
