/**
 * How each kind of DAG step becomes durable steps. Every body first records the transition (markRunning), and a
 * step already recorded as completed returns its stored output instead of acting again.
 */
import { NonRetriableError } from 'inngest';
import { celValue } from '../../shared/cel/evaluate.ts';
import type { Step } from '../../shared/graph/schema.ts';
import { STEP_REGISTRY } from '../../shared/steps/registry.ts';
import type { Db } from '../db/client.ts';
import { actionHandler } from './handlers/registry.ts';
import { isInvokeHandler, PermanentStepError, type ActionHandler, type HandlerContext, type InvokeHandler } from './handlers/types.ts';
import { stepIds, type FunctionCall, type StepPort } from './port.ts';
import { markFinished, markRetrying, markRunning, type StepRef } from './transitions.ts';
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

export async function skipNode(env: NodeEnv, step: Step, reason: string): Promise<void> {
  await env.port.run(stepIds.skip(step.id), () => markFinished(env.db, { companyId: env.companyId, runId: env.runId, stepId: step.id }, 'skipped', { reason }));
}

export async function failNode(env: NodeEnv, step: Step, error: { name: string; message: string; stack?: string }): Promise<void> {
  await env.port.run(stepIds.failed(step.id), () => markFinished(env.db, { companyId: env.companyId, runId: env.runId, stepId: step.id }, 'failed', { error }));
}
