/**
 * Human-gate resolution time: from `workflow/triggered` (the run's created_at: the run row is written when the
 * trigger is accepted) to `workflow/human_gate.resolved` (the gate task's decided_at: the decision is committed in
 * the same transaction that sends that event). One value per decided gate of the runs created in the range;
 * undecided (open, cancelled) gates are counted apart. A distribution with its tail: fixed log-spaced buckets
 * (GATE_BUCKETS) plus continuous percentiles, in seconds.
 */
import { sql } from 'drizzle-orm';
import { GATE_BUCKETS, type MetricsRange } from '../../../shared/metrics/vocab.ts';
import type { Tx } from '../../db/client.ts';
import { bucketCase } from './buckets.ts';
import { iso, num, round } from './range.ts';

export const GATE_SECONDS = sql.raw(`(extract(epoch from (t.decided_at - r.created_at)))::float8`);

export function gatesFrom(range: MetricsRange) {
  return sql`from tasks t join workflow_runs r on r.id = t.run_id
    where t.type = 'human_gate' and r.created_at >= ${iso(range.from)}::timestamptz and r.created_at < ${iso(range.to)}::timestamptz`;
}

export interface GateResolution {
  resolved: number;
  pending: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
  buckets: { label: string; lo: number; hi: number | null; count: number }[];
}

export async function gateResolution(tx: Tx, range: MetricsRange): Promise<GateResolution> {
  const rows = await tx.execute<{ g: number; b: number | null; n: string; pending: string; p50: number; p90: number; p99: number; mx: number; mean: number }>(sql`
    select grouping(x.b) as g, x.b, count(x.secs) as n, count(*) filter (where x.secs is null) as pending,
      percentile_cont(0.5) within group (order by x.secs) as p50,
      percentile_cont(0.9) within group (order by x.secs) as p90,
      percentile_cont(0.99) within group (order by x.secs) as p99,
      max(x.secs) as mx, avg(x.secs) as mean
    from (
      select case when t.decided_at is null then null else ${bucketCase(GATE_BUCKETS, GATE_SECONDS)} end as b,
        case when t.decided_at is null then null else ${GATE_SECONDS} end as secs
      ${gatesFrom(range)}
    ) x
    group by grouping sets ((), (x.b))`);
  const total = rows.find((r) => Number(r.g) === 1);
  const resolved = total ? Number(total.n) : 0;
  const pending = total ? Number(total.pending) : 0;
  const buckets = GATE_BUCKETS.map((b, i) => ({ ...b, count: Number(rows.find((r) => Number(r.g) === 0 && r.b !== null && Number(r.b) === i)?.n ?? 0) }));
  return {
    resolved,
    pending,
    p50: resolved ? round(num(total!.p50)) : null,
    p90: resolved ? round(num(total!.p90)) : null,
    p99: resolved ? round(num(total!.p99)) : null,
    max: resolved ? round(num(total!.mx)) : null,
    mean: resolved ? round(num(total!.mean)) : null,
    buckets,
  };
}
