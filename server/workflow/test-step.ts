/**
 * One step run alone, for the editor's "Test step": the step kind's own handler (or, for a condition, the same
 * evaluation the DAG walk does) over an input the caller gives (event, upstream outputs, run data), as the caller's
 * company. Nothing is recorded as a run: no workflow_runs row, no run-step rows; the test gets an id of its own so
 * idempotency keys never collide with a real run's. A step with side effects acts only with `confirm`.
 *
 * A refusal (untestable kind, no confirm) is an AppError; the step itself failing is an answer, not an error:
 * { ok: false, error } with the message a run would have recorded.
 */
import { randomUUID } from 'node:crypto';
import { celValue } from '../../shared/cel/evaluate.ts';
import type { CatalogEvent } from '../../shared/events/index.ts';
import { AppError } from '../../shared/errors.ts';
import type { Step } from '../../shared/graph/schema.ts';
import { STEP_REGISTRY } from '../../shared/steps/registry.ts';
import { stepTestMode } from '../../shared/steps/test-step.ts';
import type { Db } from '../db/client.ts';
import { callSkillOnce } from '../services/ai/call-skill-once.ts';
import { claudeConfigFromEnv, type ClaudeConfig } from '../services/ai/config.ts';
import { CLAUDE_AGENT_RUNNER_ID } from '../services/ai/invocation.ts';
import { actionHandler } from './handlers/registry.ts';
import { isInvokeHandler, type ActionHandler, type HandlerContext, type InvokeHandler } from './handlers/types.ts';
import { celVars, type RunVars } from './vars.ts';

export interface TestStepInput {
  companyId: string;
  workflowId: string;
  step: Step;
  input: Omit<RunVars, 'run'>;
  confirm: boolean;
}

export type TestStepResult = { ok: true; output: unknown; ms: number } | { ok: false; error: string; ms: number };

/** Runs the step; the events it would send are returned for the caller to send once its transaction commits. */
export async function testStep(db: Db, input: TestStepInput, claude: ClaudeConfig = claudeConfigFromEnv()): Promise<{ result: TestStepResult; events: CatalogEvent[] }> {
  const { step } = input;
  const mode = stepTestMode(step.kind);
  if (mode.mode === 'untestable') throw new AppError('PRECONDITION_FAILED', mode.reason);
  if (mode.mode === 'effect' && !input.confirm) {
    const effect = mode.describe(step.config);
    throw new AppError('PRECONDITION_FAILED', `${effect}. Confirm to run it for real.`, { confirm: effect });
  }
  const handler = step.kind === 'condition' ? null : actionHandler(step.kind);
  if (step.kind !== 'condition' && !handler) throw new AppError('PRECONDITION_FAILED', `"${step.name}" cannot be tested alone`);
  // An id of the test's own (a uuid, like a run's, for the columns and event fields that hold one).
  const vars: RunVars = { ...input.input, run: { id: randomUUID(), workflowId: input.workflowId } };
  const events: CatalogEvent[] = [];
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const output = !handler ? evaluateCondition(step, vars) : isInvokeHandler(handler) ? await runInvoking(db, handler, input, vars, claude) : await runHandler(db, handler, input, vars, events);
    return { result: { ok: true, output, ms: ms() }, events };
  } catch (err) {
    // What the run would have recorded as the step's error; nothing else of the server's insides.
    return { result: { ok: false, error: err instanceof Error ? err.message.split('\n')[0]! : String(err), ms: ms() }, events: [] };
  }
}

function evaluateCondition(step: Step, vars: RunVars): unknown {
  const parsed = STEP_REGISTRY.condition.config.safeParse(step.config);
  if (!parsed.success) throw new Error(`invalid config: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const { expression } = parsed.data;
  let value: unknown;
  try {
    value = celValue(expression, celVars(vars));
  } catch (err) {
    throw new Error(`could not evaluate ${expression}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'boolean') throw new Error(`${expression} gave ${JSON.stringify(value)}, not true or false`);
  return { expression, value, branch: value ? 'yes' : 'no' };
}

function handlerContext(db: Db, input: TestStepInput, vars: RunVars, events: CatalogEvent[]): HandlerContext {
  return {
    db,
    companyId: input.companyId,
    runId: vars.run.id,
    workflowId: input.workflowId,
    stepId: input.step.id,
    stepName: input.step.name,
    vars,
    sendEvent: async (e: CatalogEvent) => void events.push(e),
  };
}

function checkedConfig(handler: ActionHandler | InvokeHandler, step: Step): unknown {
  const config = handler.definition.config.safeParse(step.config);
  if (!config.success) throw new Error(`invalid config: ${config.error.issues.map((i) => `${i.path.map(String).join('.') || 'config'}: ${i.message}`).join('; ')}`);
  return config.data;
}

async function runHandler(db: Db, handler: ActionHandler, input: TestStepInput, vars: RunVars, events: CatalogEvent[]): Promise<unknown> {
  return (await handler.run(handlerContext(db, input, vars, events), checkedConfig(handler, input.step))).output;
}

/**
 * A step whose work is a child function: only a Claude call can be made without a run to invoke from (directly,
 * services/ai/call-skill-once.ts); stepTestMode keeps the others out, and this refuses any that slips through.
 */
async function runInvoking(db: Db, handler: InvokeHandler, input: TestStepInput, vars: RunVars, claude: ClaudeConfig): Promise<unknown> {
  const config = checkedConfig(handler, input.step);
  const ctx = handlerContext(db, input, vars, []);
  const call = await handler.prepare(ctx, config);
  if (call.functionId !== CLAUDE_AGENT_RUNNER_ID) throw new Error(`"${input.step.name}" runs as a function of its own and cannot be tested alone`);
  const data = call.data as { skill: string; skillVersion?: number; input: Record<string, unknown> };
  // No workflowRunId in the ledger's correlation: a test is no run, and must not add cost to one.
  const result = await callSkillOnce(db, claude, { companyId: input.companyId, skill: data.skill, skillVersion: data.skillVersion, input: data.input, correlation: { stepId: input.step.id, test: true }, key: `test:${vars.run.id}` });
  return (await handler.finish(ctx, config, result)).output;
}
