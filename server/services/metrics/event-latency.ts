/**
 * Event-to-execution latency: from the executor receiving an event (ember_exec.events.received_at) to the first
 * SDK call of a run it triggered (ember_exec.runs.first_step_at). Runs with no triggering event (invoked children,
 * cron) and runs not started yet are left out. Percentiles are continuous (interpolated), in milliseconds.
 * Executor state: see step-success.ts for why it is read as the owner and how a run is tied to a company.
 */
import { sql } from 'drizzle-orm';
import { LATENCY_BUCKETS, type MetricsRange } from '../../../shared/metrics/vocab.ts';
import type { Db, Tx } from '../../db/client.ts';
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

export const LATENCY_MS = sql.raw(`(extract(epoch from (r.first_step_at - e.received_at)) * 1000)::float8`);

export function latencyFrom(companyId: string, range: MetricsRange) {
  return sql`from ember_exec.runs r join ember_exec.events e on e.internal_id = r.event_internal_id
    where (r.event->'data'->>'companyId') = ${companyId} and r.created_at >= ${iso(range.from)}::timestamptz and r.created_at < ${iso(range.to)}::timestamptz
      and r.first_step_at is not null`;
}

/**
 * (fn, ms) per run: from the run row alone when the executor stamped the event's receipt on it, joining the events
 * only for runs from before that column.
 */
function latencies(companyId: string, range: MetricsRange) {
  const inRange = sql`(r.event->'data'->>'companyId') = ${companyId} and r.created_at >= ${iso(range.from)}::timestamptz and r.created_at < ${iso(range.to)}::timestamptz and r.first_step_at is not null`;
  return sql`(
    select r.function_slug as fn, (extract(epoch from (r.first_step_at - r.event_received_at)) * 1000)::float8 as ms
    from ember_exec.runs r where ${inRange} and r.event_received_at is not null
    union all
    select r.function_slug, ${LATENCY_MS} from ember_exec.runs r join ember_exec.events e on e.internal_id = r.event_internal_id
    where ${inRange} and r.event_received_at is null)`;
}

export async function eventToExecution(db: Db | Tx, companyId: string, range: MetricsRange): Promise<LatencySummary> {
  // One pass: percentiles overall and per function (grouping sets), and the bucket counts as filtered counts of the
  // same rows (read from the overall row).
  const bucketCounts = sql.join(LATENCY_BUCKETS.map((_, i) => sql`count(*) filter (where x.b = ${sql.raw(String(i))}) as ${sql.raw(`b${i}`)}`), sql`, `);
  const rows = await db.execute<{ gf: number; fn: string | null; n: string; p50: number; p95: number; p99: number; mx: number } & Record<string, unknown>>(sql`
    select grouping(x.fn) as gf, x.fn, count(*) as n,
      percentile_cont(0.5) within group (order by x.ms) as p50,
      percentile_cont(0.95) within group (order by x.ms) as p95,
      percentile_cont(0.99) within group (order by x.ms) as p99,
      max(x.ms) as mx, ${bucketCounts}
    from (select l.fn, l.ms, ${bucketCase(LATENCY_BUCKETS, sql.raw('l.ms'))} as b from ${latencies(companyId, range)} l) x
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
