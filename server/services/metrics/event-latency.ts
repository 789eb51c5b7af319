/**
 * Event-to-execution latency: from an event's receipt (the trigger event's `ts`) to the first SDK call of a run it
 * triggered, as the observe middleware recorded them in function_runs (whoever executes the functions). Runs started
 * by `step.invoke` (no event was received: `inngest/function.invoked`) are left out, as are runs of no event.
 * Percentiles are continuous (interpolated), in milliseconds. Tenant data: the company's RLS transaction.
 */
import { sql } from 'drizzle-orm';
import { LATENCY_BUCKETS, type MetricsRange } from '../../../shared/metrics/vocab.ts';
import type { Tx } from '../../db/client.ts';
import { bucketCase } from './buckets.ts';
import { iso, num, round } from './range.ts';

export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  buckets: { label: string; lo: number; hi: number | null; count: number }[];
  functions: { functionId: string; count: number; p50: number; p95: number; p99: number }[];
}

export const LATENCY_MS = sql.raw(`(extract(epoch from (r.first_call_at - r.event_received_at)) * 1000)::float8`);

/** `from … where …` of the runs with a latency, created in the range (alias `r`). */
export function latencyFrom(range: MetricsRange) {
  return sql`from function_runs r
    where r.created_at >= ${iso(range.from)}::timestamptz and r.created_at < ${iso(range.to)}::timestamptz
      and r.event_received_at is not null and r.event_name is distinct from 'inngest/function.invoked'`;
}

export async function eventToExecution(tx: Tx, range: MetricsRange): Promise<LatencySummary> {
  // One pass: percentiles overall and per function (grouping sets), and the bucket counts as filtered counts of the
  // same rows (read from the overall row).
  const bucketCounts = sql.join(LATENCY_BUCKETS.map((_, i) => sql`count(*) filter (where x.b = ${sql.raw(String(i))}) as ${sql.raw(`b${i}`)}`), sql`, `);
  const rows = await tx.execute<{ gf: number; fn: string | null; n: string; p50: number; p95: number; p99: number; mx: number } & Record<string, unknown>>(sql`
    select grouping(x.fn) as gf, x.fn, count(*) as n,
      percentile_cont(0.5) within group (order by x.ms) as p50,
      percentile_cont(0.95) within group (order by x.ms) as p95,
      percentile_cont(0.99) within group (order by x.ms) as p99,
      max(x.ms) as mx, ${bucketCounts}
    from (select l.fn, l.ms, ${bucketCase(LATENCY_BUCKETS, sql.raw('l.ms'))} as b from (select r.function_id as fn, ${LATENCY_MS} as ms ${latencyFrom(range)}) l) x
    group by grouping sets ((), (x.fn))`);
  const total = rows.find((r) => Number(r.gf) === 1);
  const count = total ? Number(total.n) : 0;
  const buckets = LATENCY_BUCKETS.map((b, i) => ({ ...b, count: Number(total?.[`b${i}`] ?? 0) }));
  const functions = rows
    .filter((r) => Number(r.gf) === 0)
    .map((r) => ({ functionId: r.fn!, count: Number(r.n), p50: round(Number(r.p50))!, p95: round(Number(r.p95))!, p99: round(Number(r.p99))! }))
    .sort((a, b) => (a.functionId < b.functionId ? -1 : 1));
  return { count, p50: count ? round(num(total!.p50)) : null, p95: count ? round(num(total!.p95)) : null, p99: count ? round(num(total!.p99)) : null, max: count ? round(num(total!.mx)) : null, buckets, functions };
}
