/**
 * The runs behind one point of a chart ("drill-down"): the same filters the metric used plus the point's key, so
 * the list explains the number. At most `limit` rows, the most telling first (failures, slowest, costliest).
 */
import { sql } from 'drizzle-orm';
import type { Drill } from '../../../shared/metrics/drill.ts';
import { GATE_BUCKETS, LATENCY_BUCKETS, type MetricsRange } from '../../../shared/metrics/vocab.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';
import { bucketBounds } from './buckets.ts';
import { LATENCY_MS, latencyFrom } from './event-latency.ts';
import { GATE_SECONDS, gatesFrom } from './gate-resolution.ts';
import { iso } from './range.ts';
import { runsInRange } from './step-success.ts';
import { EXECUTED_STEP } from './steps-per-run.ts';

export interface DrillRow {
  /** A workflow run to open, when the point is about runs of a workflow. */
  runId: string | null;
  workflowId: string | null;
  label: string;
  status: string;
  value: string;
  at: string;
}

const inRange = (range: MetricsRange) => sql`r.created_at >= ${iso(range.from)}::timestamptz and r.created_at < ${iso(range.to)}::timestamptz`;
const at = (v: unknown) => new Date(v as string).toISOString();

/** Everything in the company's RLS transaction: function runs are tenant rows like workflow runs. */
export async function drillDown(tx: Tx, range: MetricsRange, drill: Drill, limit = 50): Promise<DrillRow[]> {
  switch (drill.metric) {
    case 'step_success_rate': {
      const rows = await tx.execute<{ id: string; status: string; wf_run: string | null; n: number; bad: number; created_at: string }>(sql`
        select r.run_id as id, r.status, r.workflow_run_id as wf_run, r.attempts as n, r.attempts - r.attempts_ok as bad, r.created_at
        from ${runsInRange(range)} and r.function_id = ${drill.functionId}
        order by bad desc, r.created_at desc limit ${limit}`);
      return withWorkflows(tx, rows.map((r) => ({ runId: r.wf_run, workflowId: null, label: `${drill.functionId} · ${r.id}`, status: r.status, value: `${Number(r.n) - Number(r.bad)}/${r.n} attempts ok`, at: at(r.created_at) })));
    }
    case 'avg_steps_per_run': {
      const rows = await tx.execute<{ id: string; status: string; n: string; created_at: string }>(sql`
        select r.id, r.status, (select count(*) from workflow_run_steps s where s.run_id = r.id and ${EXECUTED_STEP}) as n, r.created_at
        from workflow_runs r where r.workflow_id = ${drill.workflowId} and ${inRange(range)} order by r.created_at desc limit ${limit}`);
      return rows.map((r) => ({ runId: r.id, workflowId: drill.workflowId, label: `Run ${r.id.slice(0, 8)}`, status: r.status, value: `${r.n} steps`, at: at(r.created_at) }));
    }
    case 'gate_resolution': {
      const rows = await tx.execute<{ id: string; workflow_id: string; status: string; secs: number; step_id: string; created_at: string }>(sql`
        select r.id, r.workflow_id, r.status, ${GATE_SECONDS} as secs, t.step_id, r.created_at
        ${gatesFrom(range)} and t.decided_at is not null and ${bucketBounds(GATE_BUCKETS, drill.bucket, GATE_SECONDS)}
        order by secs desc limit ${limit}`);
      return rows.map((r) => ({ runId: r.id, workflowId: r.workflow_id, label: `Gate ${r.step_id} · run ${r.id.slice(0, 8)}`, status: r.status, value: formatSeconds(Number(r.secs)), at: at(r.created_at) }));
    }
    case 'event_to_execution': {
      const rows = await tx.execute<{ id: string; fn: string; status: string; wf_run: string | null; ms: number; created_at: string }>(sql`
        select r.run_id as id, r.function_id as fn, r.status, r.workflow_run_id as wf_run, ${LATENCY_MS} as ms, r.created_at
        ${latencyFrom(range)} and ${bucketBounds(LATENCY_BUCKETS, drill.bucket, LATENCY_MS)}
        order by ms desc limit ${limit}`);
      return withWorkflows(tx, rows.map((r) => ({ runId: r.wf_run, workflowId: null, label: `${r.fn} · ${r.id}`, status: r.status, value: `${Math.round(Number(r.ms))} ms`, at: at(r.created_at) })));
    }
    case 'workflow_churn': {
      const rows = await tx.execute<{ workflow_id: string | null; action: string; name: string | null; at: string }>(sql`
        select l.workflow_id, l.action, coalesce(w.name, l.detail->>'name') as name, l.at
        from workflow_audit_log l left join workflows w on w.id = l.workflow_id
        where l.action in ('created', 'disabled', 'deleted') and to_char(date_trunc('month', l.at at time zone 'UTC'), 'YYYY-MM') = ${drill.month}
          and l.at >= ${iso(range.from)}::timestamptz and l.at < ${iso(range.to)}::timestamptz
        order by l.at desc limit ${limit}`);
      return rows.map((r) => ({ runId: null, workflowId: r.action === 'deleted' ? null : r.workflow_id, label: r.name ?? 'Workflow', status: r.action, value: r.action, at: at(r.at) }));
    }
    case 'cost_per_execution': {
      const rows = await tx.execute<{ id: string; status: string; cost: string; tin: number; tout: number; inv: number; created_at: string }>(sql`
        select r.id, r.status, r.cost_usd as cost, r.claude_input_tokens as tin, r.claude_output_tokens as tout, r.function_invocations as inv, r.created_at
        from workflow_runs r where r.workflow_id = ${drill.workflowId} and ${inRange(range)} order by r.cost_usd desc, r.created_at desc limit ${limit}`);
      return rows.map((r) => ({ runId: r.id, workflowId: drill.workflowId, label: `Run ${r.id.slice(0, 8)}`, status: r.status, value: `$${Number(r.cost).toFixed(4)} · ${r.tin}+${r.tout} tokens · ${r.inv} calls`, at: at(r.created_at) }));
    }
    default:
      throw new AppError('INVALID_INPUT', 'Unknown metric');
  }
}

/** Function runs name their workflow run; the workflow run says which workflow it belongs to (and that it still exists). */
async function withWorkflows(tx: Tx, rows: DrillRow[]): Promise<DrillRow[]> {
  const ids = [...new Set(rows.map((r) => r.runId).filter((id): id is string => !!id && /^[0-9a-f-]{36}$/i.test(id)))];
  if (!ids.length) return rows.map((r) => ({ ...r, runId: null }));
  const found = await tx.execute<{ id: string; workflow_id: string }>(sql`select id, workflow_id from workflow_runs where id in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`);
  const map = new Map(found.map((f) => [f.id, f.workflow_id]));
  return rows.map((r) => (r.runId && map.has(r.runId) ? { ...r, workflowId: map.get(r.runId)! } : { ...r, runId: null }));
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${(s / 60).toFixed(1)} min`;
  if (s < 86400) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} days`;
}
