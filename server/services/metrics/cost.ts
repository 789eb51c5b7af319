/**
 * Cost per workflow execution (DOMAIN.md: Claude tokens × price + function invocations). The engine accumulates
 * it on the run as it goes (workflow_runs.claude_* , function_invocations, cost_usd = the total); agent_runs is the
 * per-call ledger behind the Claude part. Over the runs created in the range, per workflow and overall, in USD.
 */
import { sql } from 'drizzle-orm';
import type { MetricsRange } from '../../../shared/metrics/vocab.ts';
import type { Tx } from '../../db/client.ts';
import { iso, num, round } from './range.ts';

export interface WorkflowCost {
  workflowId: string;
  name: string;
  runs: number;
  totalUsd: number;
  avgUsd: number;
  claudeUsd: number;
  inputTokens: number;
  outputTokens: number;
  functionInvocations: number;
}

export interface CostSummary {
  runs: number;
  totalUsd: number;
  avgUsd: number | null;
  p50Usd: number | null;
  p95Usd: number | null;
  maxUsd: number | null;
  workflows: WorkflowCost[];
}

export async function costPerExecution(tx: Tx, range: MetricsRange): Promise<CostSummary> {
  const inRange = sql`r.created_at >= ${iso(range.from)}::timestamptz and r.created_at < ${iso(range.to)}::timestamptz`;
  // Sums per workflow (hash aggregate, no sort); percentiles only overall (one sort).
  const perWorkflow = await tx.execute<{ workflow_id: string; runs: string; total: string; claude: string; tin: string; tout: string; inv: string }>(sql`
    select r.workflow_id, count(*) as runs, sum(r.cost_usd) as total, sum(r.claude_cost_usd) as claude,
      sum(r.claude_input_tokens) as tin, sum(r.claude_output_tokens) as tout, sum(r.function_invocations) as inv
    from workflow_runs r where ${inRange} group by r.workflow_id`);
  const [overall] = await tx.execute<{ runs: string; total: string | null; p50: number | null; p95: number | null; mx: string | null }>(sql`
    select count(*) as runs, sum(r.cost_usd) as total,
      percentile_cont(0.5) within group (order by r.cost_usd::float8) as p50,
      percentile_cont(0.95) within group (order by r.cost_usd::float8) as p95, max(r.cost_usd) as mx
    from workflow_runs r where ${inRange}`);
  const rows = [{ ...overall!, g: 1, workflow_id: null, claude: '0', tin: '0', tout: '0', inv: '0' }, ...perWorkflow.map((r) => ({ ...r, g: 0, p50: null, p95: null, mx: null }))];
  const names = new Map(
    (await tx.execute<{ id: string; name: string }>(sql`select id, name from workflows`)).map((w) => [w.id, w.name]),
  );
  const total = rows.find((r) => Number(r.g) === 1);
  const runs = total ? Number(total.runs) : 0;
  const workflows = rows
    .filter((r) => Number(r.g) === 0)
    .map((r) => ({
      workflowId: r.workflow_id!,
      name: names.get(r.workflow_id!) ?? 'Deleted workflow',
      runs: Number(r.runs),
      totalUsd: Number(r.total),
      avgUsd: round(Number(r.total) / Number(r.runs), 6)!,
      claudeUsd: Number(r.claude),
      inputTokens: Number(r.tin),
      outputTokens: Number(r.tout),
      functionInvocations: Number(r.inv),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.workflowId < b.workflowId ? -1 : 1));
  return {
    runs,
    totalUsd: runs ? Number(total!.total) : 0,
    avgUsd: runs ? round(Number(total!.total) / runs, 6) : null,
    p50Usd: runs ? round(num(total!.p50), 6) : null,
    p95Usd: runs ? round(num(total!.p95), 6) : null,
    maxUsd: runs ? num(total!.mx) : null,
    workflows,
  };
}
