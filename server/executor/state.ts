/**
 * The executor's state operations, each a statement or two inside the caller's transaction. Every write is
 * idempotent (unique keys with ON CONFLICT), so replaying an outcome after a crash changes nothing.
 */
import type postgres from 'postgres';

export type Tx = postgres.TransactionSql;

export const QUEUE_KINDS = [
  'discover', 'step', 'sleep', 'wait_timeout', 'invoke_timeout', 'debounce', 'batch', 'start_timeout', 'finish_timeout',
  'signal_timeout', 'gateway', 'ai_gateway',
] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export interface QueueItem {
  id: number;
  runId: string;
  kind: QueueKind;
  stepId: string;
  attempt: number;
  runAt: Date;
  concurrencyKey: string | null;
  concurrencyLimit: number | null;
  concurrencyKey2: string | null;
  concurrencyLimit2: number | null;
  payload: Record<string, unknown>;
}

/** A run's throttle, carried in its first item's payload and charged when that item is leased (claim.ts). */
export interface ThrottleSpec {
  slug: string;
  key: string;
  /** One start per this many ms (period / limit)… */
  interval: number;
  /** …with this much ahead of schedule allowed ((limit + burst − 1) × interval). */
  tolerance: number;
}

/** What a run's executing items carry: its concurrency keys (up to two) and its priority. */
export interface RunSlots {
  concurrencyKey: string | null;
  concurrencyLimit: number | null;
  concurrencyKey2: string | null;
  concurrencyLimit2: number | null;
  priority: number;
}

export const slotsOf = (run: RunSlots): RunSlots => ({
  concurrencyKey: run.concurrencyKey,
  concurrencyLimit: run.concurrencyLimit,
  concurrencyKey2: run.concurrencyKey2,
  concurrencyLimit2: run.concurrencyLimit2,
  priority: run.priority,
});

export interface RunRow extends RunSlots {
  id: string;
  functionSlug: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  event: Record<string, unknown>;
  /** A batched run's events; null for a run of one event. */
  events: Record<string, unknown>[] | null;
  requestVersion: number;
  disableImmediate: number;
  maxAttempts: number;
  parentRunId: string | null;
  parentStepId: string | null;
}

/** JSON as text, cast to jsonb in SQL: independent of whichever json serializer the pool has installed. */
export const json = (v: unknown) => JSON.stringify(v === undefined ? null : v);

export interface EnqueueItem extends Partial<RunSlots> {
  runId: string;
  kind: QueueKind;
  stepId: string;
  /** When it is due; unset means now, moved earlier (or later) by the run's priority. */
  runAt?: Date;
  attempt?: number;
  payload?: Record<string, unknown>;
}

/** Adds an item unless the same (run, kind, step) is already queued; `replace` moves an existing one instead. */
export async function enqueue(tx: Tx, item: EnqueueItem, onConflict: 'ignore' | 'replace' = 'ignore'): Promise<void> {
  const runAt = item.runAt ? item.runAt.toISOString() : null;
  const base = tx`
    insert into ember_exec.queue (run_id, kind, step_id, attempt, run_at, concurrency_key, concurrency_limit, concurrency_key2, concurrency_limit2, payload)
    values (${item.runId}, ${item.kind}, ${item.stepId}, ${item.attempt ?? 0}, coalesce(${runAt}::timestamptz, now() - ${item.priority ?? 0} * interval '1 second'),
            ${item.concurrencyKey ?? null}, ${item.concurrencyLimit ?? null}, ${item.concurrencyKey2 ?? null}, ${item.concurrencyLimit2 ?? null},
            ${json(item.payload ?? {})}::text::jsonb)`;
  if (onConflict === 'ignore') {
    await tx`${base} on conflict (run_id, kind, step_id) do nothing`;
  } else {
    await tx`${base} on conflict (run_id, kind, step_id) do update
      set run_at = excluded.run_at, attempt = excluded.attempt, payload = excluded.payload, lease_owner = null, lease_until = null, hold_until = null`;
  }
}

export async function memoize(tx: Tx, runId: string, stepId: string, op: string, memo: unknown, name?: string | null): Promise<boolean> {
  const rows = await tx`
    insert into ember_exec.steps (run_id, step_id, op, memo, name) values (${runId}, ${stepId}, ${op}, ${json(memo)}::text::jsonb, ${name ?? null})
    on conflict (run_id, step_id) do nothing returning step_id`;
  return rows.length > 0;
}

/**
 * Rediscovery waits until no planned step of the run is still in flight (request version 2's "optimized
 * parallelism"): the last parallel step to finish asks the SDK what comes next.
 */
export async function discoverWhenSettled(tx: Tx, run: Pick<RunRow, 'id' | keyof RunSlots>): Promise<boolean> {
  const [busy] = await tx`select exists(select 1 from ember_exec.queue where run_id = ${run.id} and kind = 'step') as b`;
  if (busy!.b) return false;
  // A discovery already queued will see this memo when it runs. One a worker has already leased (its SDK call may
  // be under way with the older memo) is flagged instead: the worker rediscovers after it commits (see inTx).
  await tx`
    insert into ember_exec.queue (run_id, kind, step_id, attempt, run_at, concurrency_key, concurrency_limit, concurrency_key2, concurrency_limit2, payload)
    values (${run.id}, 'discover', 'step', 0, now() - ${run.priority ?? 0} * interval '1 second', ${run.concurrencyKey ?? null}, ${run.concurrencyLimit ?? null},
            ${run.concurrencyKey2 ?? null}, ${run.concurrencyLimit2 ?? null}, '{}'::jsonb)
    on conflict (run_id, kind, step_id) do update set payload = ember_exec.queue.payload || '{"rediscover": true}'::jsonb
    where ember_exec.queue.lease_owner is not null`;
  return true;
}

export async function lockRun(tx: Tx, runId: string): Promise<RunRow | null> {
  const [row] = await tx<RunRow[]>`select ${tx.unsafe(RUN_COLUMNS)} from ember_exec.runs r where r.id = ${runId} for update`;
  return row ?? null;
}

export async function loadMemo(sql: postgres.Sql | Tx, runId: string): Promise<{ steps: Record<string, unknown>; stack: string[] }> {
  const rows = await sql<{ stepId: string; memo: unknown }[]>`
    select step_id as "stepId", memo from ember_exec.steps where run_id = ${runId} order by seq`;
  const steps: Record<string, unknown> = {};
  for (const r of rows) steps[r.stepId] = r.memo;
  return { steps, stack: rows.map((r) => r.stepId) };
}

/** The run columns every reader of a RunRow selects (with the table aliased `r`). */
export const RUN_COLUMNS = `r.id, r.function_slug as "functionSlug", r.status, r.event, r.events, r.request_version as "requestVersion",
  r.disable_immediate as "disableImmediate", r.max_attempts as "maxAttempts", r.parent_run_id as "parentRunId",
  r.parent_step_id as "parentStepId", r.concurrency_key as "concurrencyKey", r.concurrency_limit as "concurrencyLimit",
  r.concurrency_key2 as "concurrencyKey2", r.concurrency_limit2 as "concurrencyLimit2", r.priority`;

/** What a call made under a lease carries as `ctx.qi_id`, for the checkpoints it makes (checkpoint.ts). */
export const queueItemRef = (itemId: number, owner: string) => `${itemId}:${owner}`;

/** Removes the leased item; false when our lease was lost (another worker took it over), so nothing may be written. */
export async function takeLeasedItem(tx: Tx, itemId: number, owner: string): Promise<LeaseOutcome> {
  const rows = await tx<{ payload: { rediscover?: boolean; checkpointed?: number } }[]>`delete from ember_exec.queue where id = ${itemId} and lease_owner = ${owner} returning payload`;
  return { taken: rows.length > 0, rediscover: rows[0]?.payload?.rediscover === true, checkpointed: Number(rows[0]?.payload?.checkpointed ?? 0) };
}

export interface LeaseOutcome {
  taken: boolean;
  /** Something settled while the item was out: ask the SDK again once this commits. */
  rediscover: boolean;
  /** Steps the call checkpointed while it ran (checkpoint.ts). */
  checkpointed: number;
}
