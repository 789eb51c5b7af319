/**
 * The executor's state operations, each a statement or two inside the caller's transaction. Every write is
 * idempotent (unique keys with ON CONFLICT), so replaying an outcome after a crash changes nothing.
 */
import type postgres from 'postgres';

export type Tx = postgres.TransactionSql;

export const QUEUE_KINDS = ['discover', 'step', 'sleep', 'wait_timeout', 'invoke_timeout', 'debounce'] as const;
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
  payload: Record<string, unknown>;
}

export interface RunRow {
  id: string;
  functionSlug: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  event: Record<string, unknown>;
  requestVersion: number;
  disableImmediate: number;
  maxAttempts: number;
  parentRunId: string | null;
  parentStepId: string | null;
  concurrencyKey: string | null;
  concurrencyLimit: number | null;
}

/** JSON as text, cast to jsonb in SQL: independent of whichever json serializer the pool has installed. */
export const json = (v: unknown) => JSON.stringify(v === undefined ? null : v);

export interface EnqueueItem {
  runId: string;
  kind: QueueKind;
  stepId: string;
  runAt?: Date;
  attempt?: number;
  concurrencyKey?: string | null;
  concurrencyLimit?: number | null;
  payload?: Record<string, unknown>;
}

/** Adds an item unless the same (run, kind, step) is already queued; `replace` moves an existing one instead. */
export async function enqueue(tx: Tx, item: EnqueueItem, onConflict: 'ignore' | 'replace' = 'ignore'): Promise<void> {
  const runAt = item.runAt ? item.runAt.toISOString() : null;
  const base = tx`
    insert into ember_exec.queue (run_id, kind, step_id, attempt, run_at, concurrency_key, concurrency_limit, payload)
    values (${item.runId}, ${item.kind}, ${item.stepId}, ${item.attempt ?? 0}, coalesce(${runAt}::timestamptz, now()),
            ${item.concurrencyKey ?? null}, ${item.concurrencyLimit ?? null}, ${json(item.payload ?? {})}::text::jsonb)`;
  if (onConflict === 'ignore') {
    await tx`${base} on conflict (run_id, kind, step_id) do nothing`;
  } else {
    await tx`${base} on conflict (run_id, kind, step_id) do update
      set run_at = excluded.run_at, attempt = excluded.attempt, payload = excluded.payload, lease_owner = null, lease_until = null`;
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
export async function discoverWhenSettled(tx: Tx, run: Pick<RunRow, 'id' | 'concurrencyKey' | 'concurrencyLimit'>): Promise<boolean> {
  const [busy] = await tx`select exists(select 1 from ember_exec.queue where run_id = ${run.id} and kind = 'step') as b`;
  if (busy!.b) return false;
  // A discovery already queued will see this memo when it runs. One a worker has already leased (its SDK call may
  // be under way with the older memo) is flagged instead: the worker rediscovers after it commits (see inTx).
  await tx`
    insert into ember_exec.queue (run_id, kind, step_id, attempt, run_at, concurrency_key, concurrency_limit, payload)
    values (${run.id}, 'discover', 'step', 0, now(), ${run.concurrencyKey ?? null}, ${run.concurrencyLimit ?? null}, '{}'::jsonb)
    on conflict (run_id, kind, step_id) do update set payload = ember_exec.queue.payload || '{"rediscover": true}'::jsonb
    where ember_exec.queue.lease_owner is not null`;
  return true;
}

export async function lockRun(tx: Tx, runId: string): Promise<RunRow | null> {
  const [row] = await tx<RunRow[]>`
    select id, function_slug as "functionSlug", status, event, request_version as "requestVersion",
           disable_immediate as "disableImmediate", max_attempts as "maxAttempts", parent_run_id as "parentRunId",
           parent_step_id as "parentStepId", concurrency_key as "concurrencyKey", concurrency_limit as "concurrencyLimit"
    from ember_exec.runs where id = ${runId} for update`;
  return row ?? null;
}

export async function loadMemo(sql: postgres.Sql | Tx, runId: string): Promise<{ steps: Record<string, unknown>; stack: string[] }> {
  const rows = await sql<{ stepId: string; memo: unknown }[]>`
    select step_id as "stepId", memo from ember_exec.steps where run_id = ${runId} order by seq`;
  const steps: Record<string, unknown> = {};
  for (const r of rows) steps[r.stepId] = r.memo;
  return { steps, stack: rows.map((r) => r.stepId) };
}

/** Removes the leased item; false when our lease was lost (another worker took it over), so nothing may be written. */
export async function takeLeasedItem(tx: Tx, itemId: number, owner: string): Promise<{ taken: boolean; rediscover: boolean }> {
  const rows = await tx<{ payload: { rediscover?: boolean } }[]>`delete from ember_exec.queue where id = ${itemId} and lease_owner = ${owner} returning payload`;
  return { taken: rows.length > 0, rediscover: rows[0]?.payload?.rediscover === true };
}
