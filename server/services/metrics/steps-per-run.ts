/**
 * Average steps per workflow run, per workflow and overall, over the runs created in the range. A run's steps are
 * the DAG steps that actually executed: workflow_run_steps rows that are running, completed or failed (skipped
 * branches and steps never reached are not work done). A run with none counts as 0 steps. Tenant data: RLS tx.
 */
import { sql } from 'drizzle-orm';
import type { MetricsRange } from '../../../shared/metrics/vocab.ts';
import type { Tx } from '../../db/client.ts';
import { iso } from './range.ts';

export const EXECUTED_STEP = sql.raw(`s.status in ('running', 'completed', 'failed')`);

export interface StepsPerRun {
  runs: number;
  steps: number;
  avg: number | null;
  workflows: { workflowId: string; name: string; runs: number; steps: number; avg: number }[];
}

export async function avgStepsPerRun(tx: Tx, range: MetricsRange): Promise<StepsPerRun> {
  const inRange = sql`r.created_at >= ${iso(range.from)}::timestamptz and r.created_at < ${iso(range.to)}::timestamptz`;
  // One pass over the runs in range: a finished run carries its executed-step count (written by its finish step);
  // only runs without one (still running, cancelled, or older than the column) are counted from their steps.
  const runs = await tx.execute<{ workflow_id: string; name: string; n: string; steps: string }>(sql`
    select r.workflow_id, w.name, count(*) as n,
      sum(coalesce(r.executed_steps, (select count(*) from workflow_run_steps s where s.run_id = r.id and ${EXECUTED_STEP}))) as steps
    from workflow_runs r join workflows w on w.id = r.workflow_id where ${inRange} group by r.workflow_id, w.name`);
  const stepsOf = new Map(runs.map((r) => [r.workflow_id, Number(r.steps)]));
  const workflows = runs
    .map((r) => ({ workflowId: r.workflow_id, name: r.name, runs: Number(r.n), steps: stepsOf.get(r.workflow_id) ?? 0, avg: (stepsOf.get(r.workflow_id) ?? 0) / Number(r.n) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.workflowId < b.workflowId ? -1 : 1));
  const total = workflows.reduce((n, w) => n + w.runs, 0);
  const executed = workflows.reduce((n, w) => n + w.steps, 0);
  return { runs: total, steps: executed, avg: total ? executed / total : null, workflows };
}
