/**
 * How each kind of DAG step becomes durable steps. Every body first records the transition (markRunning), and a
 * step already recorded as completed returns its stored output instead of acting again.
 */
import { sql } from 'drizzle-orm';
import { NonRetriableError } from 'inngest';
import { celValue } from '../../shared/cel/evaluate.ts';
import type { Step } from '../../shared/graph/schema.ts';
import { durationToMs } from '../../shared/steps/fields.ts';
import { humanGateStep } from '../../shared/steps/kinds/human-gate.ts';
import { STEP_REGISTRY } from '../../shared/steps/registry.ts';
import type { Db } from '../db/client.ts';
import { withCompany } from '../db/tx.ts';
import { actionHandler } from './handlers/registry.ts';
import { isInvokeHandler, PermanentStepError, type ActionHandler, type HandlerContext, type InvokeHandler } from './handlers/types.ts';
import { stepIds, type FunctionCall, type StepPort } from './port.ts';
import { markFinished, markRetrying, markRunning, setRunStatus, type StepRef } from './transitions.ts';
import { celVars, type RunVars } from './vars.ts';

export interface NodeOutcome {
  output: unknown;
  branch?: 'yes' | 'no';
  data?: Record<string, unknown>;
}

export interface NodeEnv {
  db: Db;
  port: StepPort;
  companyId: string;
  runId: string;
  workflowId: string;
  sendEvent: HandlerContext['sendEvent'];
}

/**
 * Runs `act` once: when the step was already recorded as completed (the process died after the write but before the
 * engine memoized the result), rebuilds the outcome from the recorded output instead of acting again.
 */
async function once(env: NodeEnv, step: Step, input: unknown, act: () => Promise<NodeOutcome>, recover: (output: unknown) => NodeOutcome): Promise<NodeOutcome> {
  const ref: StepRef = { companyId: env.companyId, runId: env.runId, stepId: step.id };
  const start = await markRunning(env.db, ref, input);
  if (start.state === 'done') return recover(start.output);
  if (start.state === 'gone') throw new NonRetriableError(`step ${step.id} can no longer run: ${start.status}`);
  let result: NodeOutcome;
  try {
    result = await act();
  } catch (err) {
    // Permanent errors fail the step now; anything else is retried by the engine with backoff.
    if (err instanceof PermanentStepError) throw new NonRetriableError(err.message, { cause: err });
    if (!(err instanceof NonRetriableError)) {
      const e = err instanceof Error ? { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) } : { name: 'Error', message: String(err) };
      await markRetrying(env.db, ref, e).catch(() => {}); // only a label for watchers: never mask the real error
    }
    throw err;
  }
  await markFinished(env.db, ref, 'completed', { output: result.output });
  return result;
}

function handlerContext(env: NodeEnv, step: Step, vars: RunVars): HandlerContext {
  return { db: env.db, companyId: env.companyId, runId: env.runId, workflowId: env.workflowId, stepId: step.id, stepName: step.name, vars, sendEvent: env.sendEvent };
}

export async function runAction(env: NodeEnv, step: Step, vars: RunVars): Promise<NodeOutcome> {
  const handler = actionHandler(step.kind);
  if (!handler) throw new NonRetriableError(`no handler for step kind ${step.kind}`);
  if (isInvokeHandler(handler)) return runInvoking(env, step, vars, handler);
  return runOneStep(env, step, vars, handler);
}

/**
 * A version's config is checked again where it runs: its rules may depend on the deployment (the HTTP step's URL
 * and `EMBER_HTTP_ALLOWLIST`), which can have changed since publishing. A config that no longer passes fails the
 * step at once, in the schema's words.
 */
function runnableConfig(handler: ActionHandler | InvokeHandler, step: Step): unknown {
  const parsed = handler.definition.config.safeParse(step.config);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'config'}: ${i.message}`);
  throw new NonRetriableError(`invalid config: ${issues.join('; ')}`);
}

async function runOneStep(env: NodeEnv, step: Step, vars: RunVars, handler: ActionHandler): Promise<NodeOutcome> {
  const config = runnableConfig(handler, step);
  return env.port.run(stepIds.run(step.id), () =>
    once(env, step, { config }, async () => {
      const ctx = handlerContext(env, step, vars);
      const r = await handler.run(ctx, config);
      return { output: r.output, ...(r.data ? { data: r.data } : {}) };
    }, (output) => ({ output, ...(step.kind === 'transform' ? { data: output as Record<string, unknown> } : {}) })),
  );
}

/**
 * A step whose work is a child function: mark it running and work out the call (one durable step), invoke the child
 * (memoized by the engine, so a replay never runs it twice), then record the output. A child that fails after its
 * own retries fails this step at once: retrying the invoke would repeat the child's side effects.
 */
async function runInvoking(env: NodeEnv, step: Step, vars: RunVars, handler: InvokeHandler): Promise<NodeOutcome> {
  const config = runnableConfig(handler, step);
  const ref: StepRef = { companyId: env.companyId, runId: env.runId, stepId: step.id };
  const ctx = handlerContext(env, step, vars);
  const started = await env.port.run(stepIds.start(step.id), async (): Promise<{ done: true; output: unknown } | { done: false; call: FunctionCall }> => {
    const start = await markRunning(env.db, ref, { config });
    if (start.state === 'done') return { done: true, output: start.output };
    if (start.state === 'gone') throw new NonRetriableError(`step ${step.id} can no longer run: ${start.status}`);
    try {
      return { done: false, call: await handler.prepare(ctx, config) };
    } catch (err) {
      if (err instanceof PermanentStepError) throw new NonRetriableError(err.message, { cause: err });
      throw err;
    }
  });
  if (started.done) return { output: started.output };
  let result: unknown;
  try {
    result = await env.port.invoke(stepIds.invoke(step.id), started.call);
  } catch (err) {
    const e = err as { name?: string; message?: string };
    throw new NonRetriableError(`${started.call.functionId} failed: ${e.message ?? String(err)}`, { cause: err });
  }
  return env.port.run(stepIds.run(step.id), async () => {
    const r = await handler.finish(ctx, config, result);
    await markFinished(env.db, ref, 'completed', { output: r.output });
    return { output: r.output, ...(r.data ? { data: r.data } : {}) };
  });
}

export async function runCondition(env: NodeEnv, step: Step, vars: RunVars): Promise<NodeOutcome> {
  const { expression } = STEP_REGISTRY.condition.config.parse(step.config);
  return env.port.run(stepIds.run(step.id), () =>
    once(env, step, { expression }, async () => {
      let value: unknown;
      try {
        value = celValue(expression, celVars(vars));
      } catch (err) {
        throw new PermanentStepError(`could not evaluate ${expression}: ${(err as Error).message.split('\n')[0]}`);
      }
      if (typeof value !== 'boolean') throw new PermanentStepError(`${expression} gave ${JSON.stringify(value)}, not true or false`);
      return { output: { expression, value, branch: value ? 'yes' : 'no' }, branch: value ? 'yes' : 'no' };
    }, (output) => ({ output, branch: (output as { branch: 'yes' | 'no' }).branch })),
  );
}

export async function runDelay(env: NodeEnv, step: Step): Promise<NodeOutcome> {
  const { duration } = STEP_REGISTRY.delay.config.parse(step.config);
  const ref: StepRef = { companyId: env.companyId, runId: env.runId, stepId: step.id };
  const started = await env.port.run(stepIds.start(step.id), async () => (await markRunning(env.db, ref, { duration }, `sleeping ${duration}`)).state);
  if (started !== 'done') await env.port.sleep(stepIds.sleep(step.id), duration);
  return env.port.run(stepIds.run(step.id), async () => {
    const output = { slept: duration };
    await markFinished(env.db, ref, 'completed', { output });
    return { output };
  });
}

/**
 * A human gate: open a task, wait for the decision event, then read the decision from the task row — the source of
 * truth, so a decision that arrived before the wait existed (or whose event was lost) still counts.
 */
export async function runGate(env: NodeEnv, step: Step): Promise<NodeOutcome> {
  const config = humanGateStep.config.parse(step.config);
  const ref: StepRef = { companyId: env.companyId, runId: env.runId, stepId: step.id };
  const opened = await env.port.run(stepIds.open(step.id), async (): Promise<{ taskId: string; decided: boolean; recorded?: unknown }> => {
    const start = await markRunning(env.db, ref, { instructions: config.instructions }, 'waiting for a decision');
    if (start.state === 'gone') throw new NonRetriableError(`gate ${step.id} can no longer run: ${start.status}`);
    // Already decided and recorded (a rerun reusing this gate's outcome): no new task, no wait.
    if (start.state === 'done') return { taskId: '', decided: true, recorded: start.output ?? null };
    return withCompany(env.db, env.companyId, async (tx) => {
      await tx.execute(sql`
        insert into tasks (company_id, type, title, description, priority, assignee_role, assignee_user_id, run_id, step_id, dedupe_key, due_at)
        values (${env.companyId}, 'human_gate', ${step.name}, ${config.instructions}, 'high', ${config.assigneeRole ?? null}, ${config.assigneeUserId ?? null},
                ${env.runId}, ${step.id}, ${`gate:${env.runId}:${step.id}`}, now() + ${`${durationToMs(config.timeout)} milliseconds`}::interval)
        on conflict (company_id, dedupe_key) do nothing`);
      await setRunStatus(tx, env.companyId, env.runId, 'waiting');
      const [task] = await tx.execute<{ id: string; decision: string | null }>(sql`select id, decision from tasks where company_id = ${env.companyId} and dedupe_key = ${`gate:${env.runId}:${step.id}`}`);
      return { taskId: task!.id, decided: task!.decision !== null };
    });
  });
  if (opened.recorded !== undefined) {
    const output = (opened.recorded ?? {}) as { decision?: string };
    return { output, branch: output.decision === 'approved' ? 'yes' : 'no' };
  }
  if (!opened.decided) await awaitDecision(env, step, opened.taskId, config.timeout);
  return env.port.run(stepIds.run(step.id), () => closeGate(env, step, ref, opened.taskId, config.onTimeout));
}

/** Wake-ups a gate listens to before it stops listening and only sleeps to its deadline (the 1,000-step budget). */
const MAX_GATE_WAKEUPS = 50;

/**
 * Waits until the gate's task holds a decision or its deadline has passed by the database clock. The event is only a
 * wake-up: whatever it says, the task row is read again, and a wake-up that finds no decision (a forged, stale or
 * redelivered event) goes back to waiting for the time that is left. Every round has its own step ids, so a
 * replay follows the same rounds.
 */
async function awaitDecision(env: NodeEnv, step: Step, taskId: string, timeout: string): Promise<void> {
  let wait = timeout;
  for (let round = 0; ; round++) {
    const suffix = round === 0 ? '' : `:${round}`;
    if (round < MAX_GATE_WAKEUPS) {
      await env.port.waitForEvent(`${stepIds.wait(step.id)}${suffix}`, {
        event: 'workflow/human_gate.resolved',
        if: `async.data.companyId == '${env.companyId}' && async.data.workflowRunId == '${env.runId}' && async.data.stepId == '${step.id}'`,
        timeout: wait,
      });
    } else {
      await env.port.sleep(`${stepIds.sleep(step.id)}${suffix}`, wait);
    }
    const state = await env.port.run(`${stepIds.check(step.id)}${suffix}`, () => gateState(env, taskId));
    if (state.decided || state.remainingMs <= 0) return;
    wait = `${Math.max(1, Math.ceil(state.remainingMs / 1000))}s`;
  }
}

async function gateState(env: NodeEnv, taskId: string): Promise<{ decided: boolean; remainingMs: number }> {
  return withCompany(env.db, env.companyId, async (tx) => {
    const [task] = await tx.execute<{ decision: string | null; remaining_ms: number | null }>(sql`
      select decision, (extract(epoch from (due_at - now())) * 1000)::float8 as remaining_ms from tasks where id = ${taskId}`);
    if (!task) throw new NonRetriableError(`the approval task ${taskId} is gone`);
    return { decided: task.decision !== null, remainingMs: task.remaining_ms ?? 0 };
  });
}

async function closeGate(env: NodeEnv, step: Step, ref: StepRef, taskId: string, onTimeout: 'approve' | 'reject' | 'fail'): Promise<NodeOutcome> {
  const outcome = await withCompany(env.db, env.companyId, async (tx) => {
    const [task] = await tx.execute<{ decision: string | null; comment: string | null; decided_by: string | null; due_at_passed: boolean | null }>(sql`
      select decision, comment, decided_by, due_at <= now() as due_at_passed from tasks where id = ${taskId} for update`);
    if (task?.decision === 'approved' || task?.decision === 'rejected') {
      return { decision: task.decision, comment: task.comment, decidedBy: task.decided_by, timedOut: false };
    }
    // Only the database clock ends a gate without a decision; anything earlier is a bug upstream, retried.
    if (task && task.due_at_passed === false) throw new Error('the approval has no decision and its deadline has not passed');
    // No decision by the deadline: the configured outcome decides, and the task closes so nobody acts on it late.
    await tx.execute(sql`update tasks set status = 'cancelled', decision = ${onTimeout === 'fail' ? 'expired' : onTimeout === 'approve' ? 'approved' : 'rejected'},
      comment = 'timed out', decided_at = now(), updated_at = now() where id = ${taskId}`);
    return { decision: onTimeout === 'approve' ? 'approved' : onTimeout === 'reject' ? 'rejected' : 'expired', comment: null, decidedBy: null, timedOut: true };
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

export async function skipNode(env: NodeEnv, step: Step, reason: string): Promise<void> {
  await env.port.run(stepIds.skip(step.id), () => markFinished(env.db, { companyId: env.companyId, runId: env.runId, stepId: step.id }, 'skipped', { reason }));
}

export async function failNode(env: NodeEnv, step: Step, error: { name: string; message: string; stack?: string }): Promise<void> {
  await env.port.run(stepIds.failed(step.id), () => markFinished(env.db, { companyId: env.companyId, runId: env.runId, stepId: step.id }, 'failed', { error }));
}
