/**
 * Per-step numbers for the canvas heatmap, over a workflow's last N runs or the runs created in a date range, in
 * one query: how many times each step finished, how many of those failed, its retries (attempts beyond the first),
 * and its p50/p95 duration (started → finished; for a human gate that span is the wait for a decision).
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { iso, num, round } from './range.ts';

export interface StepHeat {
  stepId: string;
  /** Runs in which the step got a row (reached or skipped). */
  runs: number;
  finished: number;
  failed: number;
  /** failed / finished, null when it never finished. */
  failureRate: number | null;
  retries: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export type HeatWindow = { lastRuns: number } | { from: Date; to: Date };

export async function workflowHeatmap(tx: Tx, workflowId: string, window: HeatWindow): Promise<{ runs: number; steps: StepHeat[] }> {
  const pick = 'lastRuns' in window
    ? sql`select id from workflow_runs where workflow_id = ${workflowId} order by created_at desc, id desc limit ${window.lastRuns}`
    : sql`select id from workflow_runs where workflow_id = ${workflowId} and created_at >= ${iso(window.from)}::timestamptz and created_at < ${iso(window.to)}::timestamptz`;
  const rows = await tx.execute<{ g: number; step_id: string | null; runs: string; finished: string; failed: string; retries: string; p50: number | null; p95: number | null }>(sql`
    with rr as (${pick})
    select grouping(s.step_id) as g, s.step_id, count(*) as runs,
      count(*) filter (where s.status in ('completed', 'failed')) as finished,
      count(*) filter (where s.status = 'failed') as failed,
      coalesce(sum(greatest(s.attempts - 1, 0)), 0) as retries,
      percentile_cont(0.5) within group (order by extract(epoch from s.finished_at - s.started_at) * 1000) as p50,
      percentile_cont(0.95) within group (order by extract(epoch from s.finished_at - s.started_at) * 1000) as p95
    from rr left join workflow_run_steps s on s.run_id = rr.id
    group by grouping sets ((), (s.step_id))`);
  // The total row counts runs (a left join keeps runs with no step rows); step rows come from the join.
  const runs = Number((await tx.execute<{ n: string }>(sql`with rr as (${pick}) select count(*) as n from rr`))[0]!.n);
  const steps = rows
    .filter((r) => Number(r.g) === 0 && r.step_id !== null)
    .map((r) => {
      const finished = Number(r.finished);
      const failed = Number(r.failed);
      return { stepId: r.step_id!, runs: Number(r.runs), finished, failed, failureRate: finished ? failed / finished : null, retries: Number(r.retries), p50Ms: round(num(r.p50)), p95Ms: round(num(r.p95)) };
    })
    .sort((a, b) => a.stepId.localeCompare(b.stepId));
  return { runs, steps };
}
