/**
 * A human gate as durable steps: skip it when its `when` is false; otherwise open its task with the approval chain
 * resolved against the run's data, then wait — for a decision's wake-up, the next reminder or the SLA breach,
 * whichever is first — and act on what the task row says (an event is a wake-up, never a decision). Reminders and
 * escalations are steps of their own with ids fixed by (level, period, percentage), so a replay or a restart never
 * sends one twice; their audit entries carry the same key, so a step re-executed after a crash writes once.
 */
import { sql } from 'drizzle-orm';
import { NonRetriableError } from 'inngest';
import { ChainError, levelTimers, resolveChain, type DeciderSet, type GateChain, type ResolvedLevel } from '../../shared/approvals/chain.ts';
import { celValue } from '../../shared/cel/evaluate.ts';
import type { Step } from '../../shared/graph/schema.ts';
import { humanGateStep } from '../../shared/steps/kinds/human-gate.ts';
import type { Tx } from '../db/client.ts';
import { withCompany } from '../db/tx.ts';
import { audit } from '../services/workflows/audit.ts';
import { levelAssignee } from '../services/gates/chain-store.ts';
import { levelDeciders, notifyGateFact } from '../services/notifications/gate-notify.ts';
import type { CatalogEvent } from '../../shared/events/index.ts';
import type { NodeEnv, NodeOutcome } from './nodes.ts';
import { stepIds } from './port.ts';
import { markFinished, markRunning, setRunStatus, type StepRef } from './transitions.ts';
import { celVars, type RunVars } from './vars.ts';

type GateConfig = ReturnType<typeof humanGateStep.config.parse>;
type Opened =
  | { skipped: true; when: string; value: boolean }
  | { skipped?: false; taskId: string; decided: boolean; recorded?: unknown; chain?: GateChain; firstWaitMs?: number };

/** Wake-ups a gate listens to before it stops listening and only sleeps to its timers (the 1,000-step budget). */
const MAX_GATE_WAKEUPS = 50;
/**
 * After a wake-up that did not end the gate (a vote, a level closing), the next wait is this short once. A wait only
 * catches events sent after it is registered, so a decision made between the check and the new wait (the next level's
 * approver acting the moment their level opens) would otherwise sleep until the next timer; the short wait re-checks
 * the task soon after. The task-escalator's re-send of decided gates covers anything later still.
 */
const SETTLE_MS = 2_000;

const waitFor = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))}s`;

export async function runGate(env: NodeEnv, step: Step, vars: RunVars): Promise<NodeOutcome> {
  const config = humanGateStep.config.parse(step.config);
  const ref: StepRef = { companyId: env.companyId, runId: env.runId, stepId: step.id };
  const opened = await env.port.run(stepIds.open(step.id), () => openGate(env, step, ref, config, vars));
  if (opened.skipped) {
    // Not needed for this run: it goes on as if approved, and the record says why.
    return { output: { skipped: true, when: opened.when, value: opened.value, decision: 'approved' }, branch: 'yes' };
  }
  if (opened.recorded !== undefined) {
    const output = (opened.recorded ?? {}) as { decision?: string };
    return { output, branch: output.decision === 'approved' ? 'yes' : 'no' };
  }
  // A gate opened before chains existed memoized no chain: it is the one level its config names.
  const chain = opened.chain ?? resolveChain(config, {}, () => 1);
  if (!opened.decided) await awaitChain(env, step, opened.taskId, chain, opened.firstWaitMs ?? chain.levels[0]!.slaMs);
  return env.port.run(stepIds.run(step.id), () => closeGate(env, step, ref, opened.taskId, config.onTimeout));
}

function gateWhen(config: GateConfig, vars: RunVars): boolean {
  if (!config.when) return true;
  let value: unknown;
  try {
    value = celValue(config.when, celVars(vars));
  } catch (err) {
    throw new NonRetriableError(`could not evaluate ${config.when}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'boolean') throw new NonRetriableError(`${config.when} gave ${JSON.stringify(value)}, not true or false`);
  return value;
}

async function openGate(env: NodeEnv, step: Step, ref: StepRef, config: GateConfig, vars: RunVars): Promise<Opened> {
  if (!gateWhen(config, vars)) {
    const when = config.when!;
    await markFinished(env.db, ref, 'skipped', {
      output: { skipped: true, when, value: false },
      reason: `not needed: ${when} is false`,
      within: (tx) => audit(tx, { companyId: env.companyId, workflowId: env.workflowId, actorUserId: null, action: 'gate_skipped', detail: { runId: env.runId, stepId: step.id, when, value: false }, dedupeKey: `gate:${env.runId}:${step.id}:skipped` }),
    });
    return { skipped: true, when, value: false };
  }
  const start = await markRunning(env.db, ref, { instructions: config.instructions }, 'waiting for a decision');
  if (start.state === 'gone') throw new NonRetriableError(`gate ${step.id} can no longer run: ${start.status}`);
  // Already decided and recorded (a rerun reusing this gate's outcome): no new task, no wait.
  if (start.state === 'done') return { taskId: '', decided: true, recorded: start.output ?? null };
  const { opened, notice } = await withCompany(env.db, env.companyId, async (tx) => {
    const counts = new Map<string, number>();
    let chain: GateChain;
    try {
      // `all` and k of n count the people a level names in this company now: resolve, count, resolve with the counts.
      chain = resolveChain(config, celVars(vars), () => 0);
      for (const l of chain.levels) counts.set(JSON.stringify(l.deciders), await countNamed(tx, env.companyId, l.deciders));
      chain = resolveChain(config, celVars(vars), (d) => counts.get(JSON.stringify(d)) ?? 0);
    } catch (err) {
      if (err instanceof ChainError) throw new NonRetriableError(err.message);
      throw err;
    }
    const first = chain.levels[0]!;
    const assignee = levelAssignee(first.deciders);
    const key = `gate:${env.runId}:${step.id}`;
    await tx.execute(sql`
      insert into tasks (company_id, type, title, description, priority, assignee_role, assignee_user_id, run_id, step_id, dedupe_key, due_at,
                         gate_chain, gate_level, gate_escalated, gate_period_started_at)
      values (${env.companyId}, 'human_gate', ${step.name}, ${config.instructions}, 'high', ${assignee.role}, ${assignee.userId},
              ${env.runId}, ${step.id}, ${key}, now() + ${`${first.slaMs} milliseconds`}::interval,
              ${JSON.stringify(chain)}::jsonb, 0, false, now())
      on conflict (company_id, dedupe_key) do nothing`);
    await setRunStatus(tx, env.companyId, env.runId, 'waiting');
    const [task] = await tx.execute<{ id: string; decision: string | null; gate_chain: GateChain | null }>(sql`
      select id, decision, gate_chain from tasks where company_id = ${env.companyId} and dedupe_key = ${key}`);
    // A task that was there first (a decision recorded before the gate opened) keeps its own chain, if it has one.
    const stored = task!.gate_chain ?? chain;
    // The first level's deciders hear that a decision waits on them, in the transaction that opens it.
    const notice = task!.decision === null
      ? await notifyGateFact(tx, { kind: 'decision_waiting', companyId: env.companyId, workflowId: env.workflowId, runId: env.runId, taskId: task!.id, level: 0, deciders: stored.levels[0]!.deciders, dedupeKey: `gate:${task!.id}:open:0` })
      : null;
    return { opened: { taskId: task!.id, decided: task!.decision !== null, chain: stored, firstWaitMs: levelTimers(stored.levels[0]!, 0, false, 0).nextInMs }, notice };
  });
  await requestWebhook(env, notice);
  return opened;
}

/**
 * Asks for the company webhook's delivery once the fact is committed. The outbox row is the record; a lost send is
 * re-sent by the reconciler, so a failure here never holds the run.
 */
async function requestWebhook(env: NodeEnv, notice: CatalogEvent | null): Promise<void> {
  if (notice) await env.sendEvent(notice).catch(() => {});
}

/** Distinct people a decider set names in the company (role members and named users that are members). */
async function countNamed(tx: Tx, companyId: string, d: DeciderSet): Promise<number> {
  if (d.roles.length === 0 && d.userIds.length === 0) return 0;
  const [row] = await tx.execute<{ n: number }>(sql`
    select count(distinct user_id)::int n from memberships where company_id = ${companyId}
      and (role::text = any(${`{${d.roles.join(',')}}`}::text[]) or user_id = any(${`{${d.userIds.join(',')}}`}::uuid[]))`);
  return row?.n ?? 0;
}

interface ChainState {
  decided: boolean;
  level: number;
  escalated: boolean;
  remainingMs: number;
}

/**
 * Waits until the task holds a decision, or the open level's SLA has passed by the database clock with nobody left
 * to escalate to. Each round waits for the earliest of a wake-up, the level's next reminder and its deadline, then
 * reads the task again. Where a level stands in its period is measured back from its deadline (due_at), the one
 * clock the timeout outcome also obeys.
 */
async function awaitChain(env: NodeEnv, step: Step, taskId: string, chain: GateChain, firstWaitMs: number): Promise<void> {
  let waitMs = firstWaitMs;
  // Steps already called in this execution: the SDK would rename a repeated id, which would run it again.
  const called = new Set<string>();
  for (let round = 0; ; round++) {
    const suffix = round === 0 ? '' : `:${round}`;
    let woken = false;
    if (round < MAX_GATE_WAKEUPS) {
      woken = null !== await env.port.waitForEvent(`${stepIds.wait(step.id)}${suffix}`, {
        event: 'workflow/human_gate.resolved',
        if: `async.data.companyId == '${env.companyId}' && async.data.workflowRunId == '${env.runId}' && async.data.stepId == '${step.id}'`,
        timeout: waitFor(waitMs),
      });
    } else {
      await env.port.sleep(`${stepIds.sleep(step.id)}${suffix}`, waitFor(waitMs));
    }
    const state = await env.port.run(`${stepIds.check(step.id)}${suffix}`, () => chainState(env, taskId));
    if (state.decided) return;
    const level = chain.levels[state.level];
    if (!level) return;
    const timers = levelTimers(level, state.level, state.escalated, level.slaMs - state.remainingMs);
    for (const due of timers.due) {
      const id = `${stepIds.run(step.id)}:remind:${due.key}`;
      if (called.has(id)) continue;
      called.add(id);
      await env.port.run(id, () => remind(env, step, taskId, level, state, due));
    }
    if (state.remainingMs <= 0) {
      const id = `${stepIds.run(step.id)}:escalate:${state.level}`;
      if (level.onBreach !== 'escalate' || state.escalated || called.has(id)) return;
      called.add(id);
      waitMs = await env.port.run(id, () => escalate(env, step, taskId, level, state.level));
      continue;
    }
    waitMs = Math.min(timers.nextInMs, state.remainingMs, woken ? SETTLE_MS : Infinity);
  }
}

async function chainState(env: NodeEnv, taskId: string): Promise<ChainState> {
  return withCompany(env.db, env.companyId, async (tx) => {
    const [task] = await tx.execute<{ decision: string | null; gate_level: number; gate_escalated: boolean; remaining_ms: number | null }>(sql`
      select decision, gate_level, gate_escalated, (extract(epoch from (due_at - now())) * 1000)::float8 as remaining_ms from tasks where id = ${taskId}`);
    if (!task) throw new NonRetriableError(`the approval task ${taskId} is gone`);
    return { decided: task.decision !== null, level: task.gate_level, escalated: task.gate_escalated, remainingMs: task.remaining_ms ?? 0 };
  });
}

/** One reminder, recorded in the run's audit trail, and told to those of the level still to decide. */
async function remind(env: NodeEnv, step: Step, taskId: string, level: ResolvedLevel, state: ChainState, due: { key: string; pct: number }): Promise<{ reminded: string }> {
  const notice = await withCompany(env.db, env.companyId, async (tx) => {
    await audit(tx, {
      companyId: env.companyId, workflowId: env.workflowId, actorUserId: null, action: 'gate_reminder',
      detail: { runId: env.runId, stepId: step.id, taskId, level: state.level, levelName: level.name, escalated: state.escalated, percent: due.pct },
      dedupeKey: `gate:${taskId}:remind:${due.key}`,
    });
    return notifyGateFact(tx, {
      kind: 'reminder', companyId: env.companyId, workflowId: env.workflowId, runId: env.runId, taskId, level: state.level, percent: due.pct,
      deciders: levelDeciders(level.deciders, level.escalateTo, state.escalated), onlyUndecided: true, dedupeKey: `gate:${taskId}:remind:${due.key}`,
    });
  });
  await requestWebhook(env, notice);
  return { reminded: due.key };
}

/**
 * The level's SLA passed: open it to the people it escalates to as well, for one more SLA period. Returns the wait
 * until the next timer. A level that moved on meanwhile (a decision in the same instant) is left as it is.
 */
async function escalate(env: NodeEnv, step: Step, taskId: string, level: ResolvedLevel, levelIndex: number): Promise<number> {
  let notice: CatalogEvent | null = null;
  const waitMs = await withCompany(env.db, env.companyId, async (tx) => {
    const done = await tx.execute(sql`
      update tasks set gate_escalated = true, gate_period_started_at = now(), due_at = now() + ${`${level.slaMs} milliseconds`}::interval, updated_at = now()
      where id = ${taskId} and gate_level = ${levelIndex} and not gate_escalated and decision is null returning id`);
    if (done.length) {
      await audit(tx, {
        companyId: env.companyId, workflowId: env.workflowId, actorUserId: null, action: 'gate_escalated',
        detail: { runId: env.runId, stepId: step.id, taskId, level: levelIndex, levelName: level.name, escalateTo: level.escalateTo },
        dedupeKey: `gate:${taskId}:escalate:${levelIndex}`,
      });
      if (level.escalateTo) {
        notice = await notifyGateFact(tx, { kind: 'escalated', companyId: env.companyId, workflowId: env.workflowId, runId: env.runId, taskId, level: levelIndex, deciders: level.escalateTo, dedupeKey: `gate:${taskId}:escalate:${levelIndex}` });
      }
    }
    return levelTimers(level, levelIndex, true, 0).nextInMs;
  });
  await requestWebhook(env, notice);
  return waitMs;
}

async function closeGate(env: NodeEnv, step: Step, ref: StepRef, taskId: string, onTimeout: 'approve' | 'reject' | 'fail'): Promise<NodeOutcome> {
  const outcome = await withCompany(env.db, env.companyId, async (tx) => {
    const [task] = await tx.execute<{ decision: string | null; comment: string | null; decided_by: string | null; due_at_passed: boolean | null; gate_level: number }>(sql`
      select decision, comment, decided_by, due_at <= now() as due_at_passed, gate_level from tasks where id = ${taskId} for update`);
    const votes = await tx.execute<{ level: number; user_id: string; cast_by: string; decision: string; comment: string | null }>(sql`
      select level, user_id, cast_by, decision, comment from gate_votes where task_id = ${taskId} order by at, id`);
    const record = votes.map((v) => ({ level: v.level, userId: v.user_id, castBy: v.cast_by, decision: v.decision, comment: v.comment }));
    if (task?.decision === 'approved' || task?.decision === 'rejected') {
      return { decision: task.decision, comment: task.comment, decidedBy: task.decided_by, timedOut: false, level: task.gate_level, votes: record };
    }
    // Only the database clock ends a gate without a decision; anything earlier is a bug upstream, retried.
    if (task && task.due_at_passed === false) throw new Error('the approval has no decision and its deadline has not passed');
    // No decision by the deadline: the configured outcome decides, and the task closes so nobody acts on it late.
    const decision = onTimeout === 'fail' ? 'expired' : onTimeout === 'approve' ? 'approved' : 'rejected';
    await tx.execute(sql`update tasks set status = 'cancelled', decision = ${decision}, comment = 'timed out', decided_at = now(), updated_at = now() where id = ${taskId}`);
    await audit(tx, {
      companyId: env.companyId, workflowId: env.workflowId, actorUserId: null, action: 'gate_timed_out',
      detail: { runId: env.runId, stepId: step.id, taskId, level: task?.gate_level ?? 0, outcome: decision }, dedupeKey: `gate:${taskId}:timed_out`,
    });
    return { decision, comment: null, decidedBy: null, timedOut: true, level: task?.gate_level ?? 0, votes: record };
  });
  if (outcome.decision === 'expired') {
    throw new NonRetriableError(`"${step.name}" timed out without a decision`);
  }
  const branch = outcome.decision === 'approved' ? 'yes' : 'no';
  const result: NodeOutcome = { output: { ...outcome, taskId }, branch };
  await markFinished(env.db, ref, 'completed', {
    output: { ...outcome, taskId },
    within: async (tx) => {
      const [open] = await tx.execute<{ n: number }>(sql`select count(*)::int n from workflow_run_steps s join tasks t on t.run_id = s.run_id and t.step_id = s.step_id
        where s.run_id = ${env.runId} and t.type = 'human_gate' and s.status = 'running' and s.step_id <> ${step.id}`);
      await setRunStatus(tx, env.companyId, env.runId, (open?.n ?? 0) > 0 ? 'waiting' : 'running');
    },
  });
  return result;
}
