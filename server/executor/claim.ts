/**
 * Leasing due queue items. Candidates are locked with SKIP LOCKED so concurrent workers (in this process or
 * another) never take the same item. An item under concurrency keys (up to two: Inngest lets a function declare a
 * per-key limit and a wider one) is leased only while each of its keys has fewer than `limit` live leases — Inngest
 * counts executing steps, and a leased item is one.
 */
import type postgres from 'postgres';
import type { QueueItem, ThrottleSpec } from './state.ts';

const COLUMNS_SQL = `id::int as id, (extract(epoch from run_at) * 1000)::float8 as at, concurrency_key as "concurrencyKey", concurrency_limit as "concurrencyLimit",
  concurrency_key2 as "concurrencyKey2", concurrency_limit2 as "concurrencyLimit2", payload->'throttle' as throttle`;

/** How long an item turned away by a full key waits before it is considered again. */
const HOLD_MS = 50;

interface Candidate {
  id: number;
  /** Epoch ms of run_at: the order in which a key's waiting items get its free slots. */
  at: number;
  throttle: ThrottleSpec | null;
  concurrencyKey: string | null;
  concurrencyLimit: number | null;
  concurrencyKey2: string | null;
  concurrencyLimit2: number | null;
}

const keysOf = (c: Candidate): [string, number][] => {
  const out: [string, number][] = [];
  if (c.concurrencyKey && c.concurrencyLimit) out.push([c.concurrencyKey, c.concurrencyLimit]);
  if (c.concurrencyKey2 && c.concurrencyLimit2) out.push([c.concurrencyKey2, c.concurrencyLimit2]);
  return out;
};

export async function claimItems(sql: postgres.Sql, owner: string, max: number, leaseMs: number): Promise<QueueItem[]> {
  return sql.begin(async (tx): Promise<QueueItem[]> => {
    const COLUMNS = tx.unsafe(COLUMNS_SQL);
    // Oldest `run_at` first: a run's priority moved its items' `run_at` earlier (or later), and an item a full key
    // turned away keeps its `run_at` (only `hold_until` moves), so FIFO and priority order survive a backlog.
    let cands: Candidate[] = await tx<Candidate[]>`
      select ${COLUMNS} from ember_exec.queue
      where run_at <= now() and (lease_until is null or lease_until < now()) and (hold_until is null or hold_until <= now())
      order by run_at, id limit ${max} for update skip locked`;
    if (!cands.length) return [];
    let chosen = cands.map((c) => c.id);
    const keyed = cands.filter((c) => keysOf(c).length > 0);
    if (keyed.length) {
      const keys = [...new Set(keyed.flatMap((c) => keysOf(c).map(([k]) => k)))].sort();
      // Lock each key (in a fixed order, so workers cannot deadlock) before counting its live leases.
      for (const key of keys) await tx`select pg_advisory_xact_lock(hashtext(${`conc:${key}`}))`;
      const live = await tx<{ key: string; n: number }[]>`
        select key, count(*)::int n from (
          select concurrency_key as key from ember_exec.queue where concurrency_key = any(${keys}) and lease_until >= now()
          union all
          select concurrency_key2 from ember_exec.queue where concurrency_key2 = any(${keys}) and lease_until >= now()) l
        group by 1`;
      const used = new Map(live.map((l) => [l.key, l.n]));
      // Items a full key turned away are still waiting (held): where a key has room now, they compete for it with
      // this batch by run_at, so the one enqueued earliest (or with the higher priority) gets the slot, not whichever
      // hold happened to run out first. Only items whose keys are all locked above are taken in.
      const limits = new Map(keyed.flatMap((c) => keysOf(c)));
      const open = keys.filter((k) => (used.get(k) ?? 0) < limits.get(k)!);
      if (open.length) {
        const held = await tx<Candidate[]>`
          select ${COLUMNS} from ember_exec.queue
          where (concurrency_key = any(${open}) or concurrency_key2 = any(${open})) and hold_until > now() and run_at <= now()
            and (lease_until is null or lease_until < now())
          order by run_at, id limit ${max} for update skip locked`;
        const known = new Set(cands.map((c) => c.id));
        const extra = held.filter((h) => !known.has(h.id) && keysOf(h).every(([k]) => limits.has(k)));
        if (extra.length) cands = [...cands, ...extra].sort((a, b) => a.at - b.at || a.id - b.id);
      }
      const blocked: number[] = [];
      chosen = cands.flatMap((c) => {
        const mine = keysOf(c);
        if (mine.some(([k, limit]) => (used.get(k) ?? 0) >= limit)) {
          blocked.push(c.id);
          return [];
        }
        for (const [k] of mine) used.set(k, (used.get(k) ?? 0) + 1);
        return [c.id];
      });
      // Step aside briefly so items behind a full key are not starved at the head of the queue.
      if (blocked.length) await tx`update ember_exec.queue set hold_until = now() + ${`${HOLD_MS} milliseconds`}::interval where id = any(${blocked})`;
    }
    chosen = await chargeThrottles(tx, cands.filter((c) => chosen.includes(c.id)));
    if (!chosen.length) return [];
    const leased = await tx<QueueItem[]>`
      update ember_exec.queue set lease_owner = ${owner}, lease_until = now() + ${`${leaseMs} milliseconds`}::interval, hold_until = null
      where id = any(${chosen})
      returning id::int as id, run_id as "runId", kind, step_id as "stepId", attempt, run_at as "runAt",
                concurrency_key as "concurrencyKey", concurrency_limit as "concurrencyLimit",
                concurrency_key2 as "concurrencyKey2", concurrency_limit2 as "concurrencyLimit2", payload`;
    return [...leased];
  }) as Promise<QueueItem[]>;
}

/**
 * Throttle (docs: durable-execution/flow-control/throttling), charged against actual starts: a run's first item
 * is leased only when GCRA admits it — at most `limit + burst` at once, then one per `period / limit`. One that is
 * not admitted yet is held until the moment it will be; candidates come oldest first, so the wait is FIFO and
 * nothing is dropped. The state is one row per (function, key) whose `expires_at` is the theoretical arrival time.
 */
async function chargeThrottles(tx: postgres.TransactionSql, cands: Candidate[]): Promise<number[]> {
  const throttled = cands.filter((c) => c.throttle);
  if (!throttled.length) return cands.map((c) => c.id);
  const keyOf = (t: ThrottleSpec) => JSON.stringify([t.slug, t.key]);
  const specs = new Map(throttled.map((c) => [keyOf(c.throttle!), c.throttle!]));
  const ordered = [...specs.keys()].sort();
  for (const k of ordered) await tx`select pg_advisory_xact_lock(hashtext(${`throttle:${k}`}))`;
  const slugs = ordered.map((k) => specs.get(k)!.slug);
  const keys = ordered.map((k) => specs.get(k)!.key);
  const rows = await tx<{ slug: string; key: string; tat: number | null; now: number }[]>`
    select k.slug, k.key, extract(epoch from now()) * 1000 as now,
           (select extract(epoch from t.expires_at) * 1000 from ember_exec.keys t where t.function_slug = k.slug and t.kind = 'throttle' and t.key = k.key) as tat
    from unnest(${slugs}::text[], ${keys}::text[]) as k(slug, key)`;
  const now = Number(rows[0]!.now);
  const tat = new Map(rows.map((r) => [JSON.stringify([r.slug, r.key]), r.tat === null ? now : Math.max(now, Number(r.tat))]));
  const admitted: number[] = [];
  const held: { id: number; until: number }[] = [];
  for (const c of cands) {
    if (!c.throttle) {
      admitted.push(c.id);
      continue;
    }
    const k = keyOf(c.throttle);
    const at = tat.get(k)!;
    const allowedAt = at - c.throttle.tolerance;
    if (now < allowedAt) {
      held.push({ id: c.id, until: allowedAt });
      continue;
    }
    tat.set(k, Math.max(at, now) + c.throttle.interval);
    admitted.push(c.id);
  }
  await tx`
    insert into ember_exec.keys (function_slug, kind, key, expires_at)
    select k.slug, 'throttle', k.key, to_timestamp(k.tat / 1000.0)
    from unnest(${slugs}::text[], ${keys}::text[], ${ordered.map((k) => tat.get(k)!)}::float8[]) as k(slug, key, tat)
    on conflict (function_slug, kind, key) do update set expires_at = excluded.expires_at`;
  for (const h of held) await tx`update ember_exec.queue set hold_until = to_timestamp(${h.until / 1000}) where id = ${h.id}`;
  return admitted;
}

/** When the next item becomes due (for the idle wait); null when the queue is empty. */
export async function nextDueAt(sql: postgres.Sql): Promise<Date | null> {
  const [row] = await sql<{ at: Date | null }[]>`
    select min(greatest(run_at, coalesce(lease_until, run_at), coalesce(hold_until, run_at))) as at from ember_exec.queue`;
  // Timestamps arrive as strings: the shared postgres.js client has drizzle's parsers installed.
  return row?.at ? new Date(row.at) : null;
}
