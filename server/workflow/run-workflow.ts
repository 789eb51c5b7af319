/**
 * One workflow run, start to finish, against a StepPort: load the pinned version (and seed every step as pending so
 * watchers see the whole graph at once), walk it, record the outcome.
 */
import { sql } from 'drizzle-orm';
import type { Graph } from '../../shared/graph/schema.ts';
import type { Db, Tx } from '../db/client.ts';
import { withCompany } from '../db/tx.ts';
import { actionHandler } from './handlers/registry.ts';
import { isInvokeHandler, type HandlerContext } from './handlers/types.ts';
import { runGate } from './gate.ts';
import { failNode, runAction, runCondition, runDelay, skipNode, type NodeEnv } from './nodes.ts';
import type { StepPort } from './port.ts';
import { setRunStatus } from './transitions.ts';
import { walkDag, type NodeRunner } from './walk.ts';

export interface WorkflowRunInput {
  companyId: string;
  workflowId: string;
  workflowRunId: string;
  payload: Record<string, unknown>;
  eventName: string;
}

export interface WorkflowDeps {
  db: Db;
  sendEvent: HandlerContext['sendEvent'];
  /** USD per function invocation, for the run's cost (Claude tokens are added by the runner as calls happen). */
  invocationPriceUsd?: number;
}

type Loaded = { state: 'terminal'; status: string } | { state: 'ready'; graph: Graph };

export async function loadRun(db: Db, input: WorkflowRunInput): Promise<Loaded> {
  return withCompany(db, input.companyId, async (tx) => {
    const [run] = await tx.execute<{ status: string; graph: Graph }>(sql`
      select r.status, v.graph from workflow_runs r join workflow_versions v on v.id = r.workflow_version_id where r.id = ${input.workflowRunId}`);
    if (!run) return { state: 'terminal', status: 'missing' };
    if (['completed', 'failed', 'cancelled'].includes(run.status)) return { state: 'terminal', status: run.status };
    const trigger = run.graph.steps.find((s) => s.type === 'trigger');
    await tx.execute(sql`
      insert into workflow_run_steps (company_id, run_id, step_id, status, output, started_at, finished_at)
      select ${input.companyId}, ${input.workflowRunId}, s.id,
             case when s.id = ${trigger?.id ?? ''} then 'completed'::run_step_status else 'pending'::run_step_status end,
             case when s.id = ${trigger?.id ?? ''} then ${JSON.stringify(input.payload)}::jsonb end,
             case when s.id = ${trigger?.id ?? ''} then now() end,
             case when s.id = ${trigger?.id ?? ''} then now() end
      from jsonb_to_recordset(${JSON.stringify(run.graph.steps.map((s) => ({ id: s.id })))}::jsonb) as s(id text)
      on conflict (run_id, step_id) do nothing`);
    await setRunStatus(tx, input.companyId, input.workflowRunId, 'running');
    return { state: 'ready', graph: run.graph };
  });
}

export async function runWorkflow(deps: WorkflowDeps, port: StepPort, input: WorkflowRunInput) {
  const loaded = await port.run('load', () => loadRun(deps.db, input));
  if (loaded.state === 'terminal') return { status: loaded.status, skipped: true };
  const env: NodeEnv = { db: deps.db, port, companyId: input.companyId, runId: input.workflowRunId, workflowId: input.workflowId, sendEvent: deps.sendEvent };
  const runner: NodeRunner = {
    run: (step, vars) => {
      switch (step.type) {
        case 'condition':
          return runCondition(env, step, vars);
        case 'human_gate':
          return runGate(env, step, vars);
        case 'action':
          return step.kind === 'delay' ? runDelay(env, step) : runAction(env, step, vars);
        case 'trigger':
          return Promise.resolve({ output: input.payload });
      }
    },
    skip: (step, reason) => skipNode(env, step, reason),
    fail: (step, error) => failNode(env, step, error),
  };
  const result = await walkDag(loaded.graph, runner, {
    event: { name: input.eventName, data: input.payload },
    steps: {},
    data: {},
    run: { id: input.workflowRunId, workflowId: input.workflowId },
  });
  await port.run('finish', () =>
    withCompany(deps.db, input.companyId, async (tx) => {
      await setRunStatus(tx, input.companyId, input.workflowRunId, result.status, result.error ? { ...result.error, stepId: result.failedStep } : undefined);
      await recordInvocations(tx, input.workflowRunId, loaded.graph, deps.invocationPriceUsd ?? 0);
    }),
  );
  return { status: result.status, ...(result.failedStep ? { failedStep: result.failedStep, error: result.error } : {}) };
}

/**
 * Function invocations of a run (and, for the metrics, how many of its steps ran): the executor's own, one per child-function step (Claude calls are counted through
 * the ledger instead, which also holds the calls children made for this run), and one per Claude call. Written as a
 * total, not an increment, so a retried finish step gives the same number.
 */
async function recordInvocations(tx: Tx, runId: string, graph: Graph, price: number): Promise<void> {
  const childSteps = graph.steps.filter((s) => {
    const h = s.type === 'action' ? actionHandler(s.kind) : undefined;
    return h && isInvokeHandler(h) && s.kind !== 'claude_skill';
  }).map((s) => s.id);
  await tx.execute(sql`
    update workflow_runs r set function_invocations = x.n, cost_usd = r.claude_cost_usd + x.n * ${price}::numeric,
      executed_steps = (select count(*) from workflow_run_steps s where s.run_id = ${runId} and s.status in ('running', 'completed', 'failed'))
    from (select 1
            + (select count(*) from workflow_run_steps s where s.run_id = ${runId} and s.step_id in (select jsonb_array_elements_text(${JSON.stringify(childSteps)}::jsonb)) and s.status in ('completed', 'failed'))
            + (select count(*) from agent_runs a where a.workflow_run_id = ${runId}) as n) x
    where r.id = ${runId}`);
}

/** When the function itself fails (not a step: a crash in load, a bug), the run must not stay "running" forever. */
export async function failRunFromOutside(db: Db, companyId: string, runId: string, message: string): Promise<void> {
  await withCompany(db, companyId, async (tx) => {
    await tx.execute(sql`
      update workflow_run_steps set status = 'skipped', status_reason = 'run failed', finished_at = now(), updated_at = now()
      where run_id = ${runId} and status in ('pending', 'running')`);
    await setRunStatus(tx, companyId, runId, 'failed', { name: 'WorkflowError', message });
  });
}
