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
  const rows = await tx.execute<{ workflow_id: string; name: string; runs: string; steps: string }>(sql`
    with rr as (
      select id, workflow_id from workflow_runs
      where created_at >= ${iso(range.from)}::timestamptz and created_at < ${iso(range.to)}::timestamptz
    ), counted as (
      select s.run_id, count(*) as n from workflow_run_steps s join rr on rr.id = s.run_id where ${EXECUTED_STEP} group by s.run_id
    ), per as (
      select rr.workflow_id, count(*) as runs, coalesce(sum(c.n), 0) as steps from rr left join counted c on c.run_id = rr.id group by rr.workflow_id
    )
    select per.workflow_id, w.name, per.runs, per.steps from per join workflows w on w.id = per.workflow_id order by w.name, per.workflow_id`);
  const workflows = rows.map((r) => ({ workflowId: r.workflow_id, name: r.name, runs: Number(r.runs), steps: Number(r.steps), avg: Number(r.steps) / Number(r.runs) }));
  const runs = workflows.reduce((n, w) => n + w.runs, 0);
  const steps = workflows.reduce((n, w) => n + w.steps, 0);
  return { runs, steps, avg: runs ? steps / runs : null, workflows };
}
