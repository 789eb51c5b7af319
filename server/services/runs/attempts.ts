/**
 * Every step attempt of a run, grouped by DAG step, for the run inspector ("attempts with their times"): what the
 * observe middleware recorded of the workflow executor's calls for this workflow run (function_runs /
 * function_attempts, tenant rows read in the request's RLS transaction), so it is the same whoever executed the run:
 * the embedded executor, the Dev Server, `npm run executor` or Inngest.
 */
import { sql } from 'drizzle-orm';
import { FUNCTION_IDS, functionSlug } from '../../../shared/functions/ids.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { stepIds } from '../../../shared/steps/step-ids.ts';
import type { Tx } from '../../db/client.ts';

export const EXECUTOR_FUNCTION_SLUG = functionSlug(FUNCTION_IDS.workflowExecutor);

export interface StepAttempt {
  /** Which durable step of the DAG step: run, open (a gate's task), wait, start/sleep (a delay), skip, failed. */
  phase: string;
  attempt: number;
  ok: boolean;
  /** StepRun, StepError (will be retried) or StepFailed. */
  outcome: string;
  startedAt: string;
  endedAt: string;
  error: { name?: string; message?: string } | null;
}

const PHASES = Object.keys(stepIds) as (keyof typeof stepIds)[];

/** The attempts of one workflow run's DAG steps; NOT_FOUND when the run is not the company's. */
export async function runAttempts(tx: Tx, runId: string): Promise<{ available: boolean; steps: Record<string, StepAttempt[]> }> {
  const [run] = await tx.execute<{ graph: Graph; recorded: boolean }>(sql`
    select v.graph, exists (select 1 from function_runs f where f.workflow_run_id = r.id and f.function_id = ${EXECUTOR_FUNCTION_SLUG}) as recorded
    from workflow_runs r join workflow_versions v on v.id = r.workflow_version_id where r.id = ${runId}`);
  if (!run) throw new AppError('NOT_FOUND', 'Run not found');
  // Executed steps only: the calls that planned, slept, waited or finished the function ran no DAG step.
  const rows = await tx.execute<{ step_id: string; attempt: number; outcome: string; detail: string; started_at: string; duration_ms: number; error_name: string | null; error_message: string | null }>(sql`
    select a.step_id, a.attempt, a.outcome, a.detail, a.started_at, a.duration_ms, a.error_name, a.error_message
    from function_runs f join function_attempts a on a.run_id = f.run_id
    where f.workflow_run_id = ${runId} and f.function_id = ${EXECUTOR_FUNCTION_SLUG} and a.kind = 'step'
    order by a.started_at, a.call_key`);
  const byName = new Map<string, { stepId: string; phase: string }>();
  for (const s of run.graph.steps) for (const phase of PHASES) byName.set(stepIds[phase](s.id), { stepId: s.id, phase });
  const steps: Record<string, StepAttempt[]> = {};
  for (const r of rows) {
    const hit = byName.get(r.step_id);
    if (!hit) continue;
    const startedAt = new Date(r.started_at);
    (steps[hit.stepId] ??= []).push({
      phase: hit.phase,
      attempt: r.attempt + 1,
      ok: r.outcome === 'ok',
      outcome: r.detail,
      startedAt: startedAt.toISOString(),
      endedAt: new Date(startedAt.getTime() + r.duration_ms).toISOString(),
      error: r.error_name || r.error_message ? { ...(r.error_name ? { name: r.error_name } : {}), ...(r.error_message ? { message: r.error_message } : {}) } : null,
    });
  }
  return { available: run.recorded, steps };
}
