/**
 * Leasing due queue items. Candidates are locked with SKIP LOCKED so concurrent workers (in this process or
 * another) never take the same item; items under a concurrency key are only leased while fewer than `limit`
 * items of that key hold a live lease.
 */
import type postgres from 'postgres';
import type { QueueItem } from './state.ts';

export async function claimItems(sql: postgres.Sql, owner: string, max: number, leaseMs: number): Promise<QueueItem[]> {
  return sql.begin(async (tx): Promise<QueueItem[]> => {
    const cands = await tx<{ id: number; concurrencyKey: string | null; concurrencyLimit: number | null }[]>`
      select id, concurrency_key as "concurrencyKey", concurrency_limit as "concurrencyLimit" from ember_exec.queue
      where run_at <= now() and (lease_until is null or lease_until < now())
      order by run_at, id limit ${max} for update skip locked`;
    if (!cands.length) return [];
    let chosen = cands.map((c) => c.id);
    const keyed = cands.filter((c) => c.concurrencyKey && c.concurrencyLimit);
    if (keyed.length) {
      const keys = [...new Set(keyed.map((c) => c.concurrencyKey!))].sort();
      // Lock each key (in a fixed order, so workers cannot deadlock) before counting its live leases.
      for (const key of keys) await tx`select pg_advisory_xact_lock(hashtext(${`conc:${key}`}))`;
      const live = await tx<{ key: string; n: number }[]>`
        select concurrency_key as key, count(*)::int n from ember_exec.queue
        where concurrency_key = any(${keys}) and lease_until >= now() group by 1`;
      const free = new Map(keys.map((k) => [k, (keyed.find((c) => c.concurrencyKey === k)!.concurrencyLimit ?? 0) - (live.find((l) => l.key === k)?.n ?? 0)]));
      const blocked: number[] = [];
      chosen = cands.flatMap((c) => {
        if (!c.concurrencyKey || !c.concurrencyLimit) return [c.id];
        const left = free.get(c.concurrencyKey)!;
        if (left <= 0) {
          blocked.push(c.id);
          return [];
        }
        free.set(c.concurrencyKey, left - 1);
        return [c.id];
      });
      // Step aside briefly so items behind a full key are not starved at the head of the queue.
      if (blocked.length) await tx`update ember_exec.queue set run_at = now() + interval '50 milliseconds' where id = any(${blocked})`;
    }
    if (!chosen.length) return [];
    const leased = await tx<QueueItem[]>`
      update ember_exec.queue set lease_owner = ${owner}, lease_until = now() + ${`${leaseMs} milliseconds`}::interval
      where id = any(${chosen})
      returning id::int as id, run_id as "runId", kind, step_id as "stepId", attempt, run_at as "runAt",
                concurrency_key as "concurrencyKey", concurrency_limit as "concurrencyLimit", payload`;
    return [...leased];
  }) as Promise<QueueItem[]>;
}

/** When the next item becomes due (for the idle wait); null when the queue is empty. */
export async function nextDueAt(sql: postgres.Sql): Promise<Date | null> {
  const [row] = await sql<{ at: Date | null }[]>`
    select min(greatest(run_at, coalesce(lease_until, run_at))) as at from ember_exec.queue`;
  // Timestamps arrive as strings: the shared postgres.js client has drizzle's parsers installed.
  return row?.at ? new Date(row.at) : null;
}
