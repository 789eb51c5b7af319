/**
 * Flow control applied when a run is about to start, inside the caller's transaction, with Inngest's documented
 * semantics (docs: durable-execution/flow-control/{batching,singleton,throttling,priority}):
 * - batching collects matching events per key and starts one run with all of them when the batch is full or its
 *   timeout passes;
 * - singleton skips the new run, or cancels the running one, when a run with the same key is running;
 * - throttle (applied as the run's first item is leased, claim.ts) spaces run starts with GCRA: `limit + burst`
 *   may start at once, then one every `period / limit`; runs over the limit wait in arrival order, never dropped;
 * - priority (in startRun) moves the run's due items earlier or later by its factor in seconds.
 * Every decision is made under an advisory lock per (function, key) and committed with the run it starts, so a
 * crash either keeps both or neither.
 */
import { celKey } from './cel.ts';
import type { Effects, ExecContext } from './context.ts';
import { durationMs } from './durations.ts';
import { ulid } from './ids.ts';
import type { FunctionConfig, InngestEvent } from './protocol.ts';
import { finishRun, startRun, type Emit, type StartRunOptions } from './runs.ts';
import { enqueue, json, lockRun, type ThrottleSpec, type Tx } from './state.ts';

const lockKey = (tx: Tx, kind: string, slug: string, key: string) => tx`select pg_advisory_xact_lock(hashtext(${`${kind}:${slug}:${key}`}))`;

/** Singleton, then throttle, then the run: the path every event-started run takes, batched or debounced or not. */
export async function admitRun(ctx: ExecContext, tx: Tx, fx: Effects, config: FunctionConfig, events: InngestEvent[], opts: StartRunOptions, emit: Emit): Promise<string | null> {
  const event = events[0]!;
  let singletonKey: string | null = null;
  if (config.singleton) {
    singletonKey = celKey(config.singleton.key, { event }) ?? '';
    await lockKey(tx, 'singleton', config.id, singletonKey);
    const running = await tx<{ id: string }[]>`
      select id from ember_exec.runs where function_slug = ${config.id} and singleton_key = ${singletonKey} and status = 'running'`;
    if (running.length && config.singleton.mode === 'skip') {
      ctx.log(`singleton: ${config.id} skipped ${event.name}, a run for key ${singletonKey} is running`);
      return null;
    }
    for (const r of running) {
      const locked = await lockRun(tx, r.id);
      if (locked?.status !== 'running') continue;
      await finishRun(ctx, tx, fx, r.id, { status: 'cancelled', error: { name: 'Cancelled', message: `replaced by a newer run (singleton key ${singletonKey})` } }, emit);
    }
  }
  // The throttle itself is applied when the run's first item is leased (claim.ts), against actual starts.
  const throttle = config.throttle ? throttleOf(config, event) : undefined;
  return startRun(tx, fx, config, event, { ...opts, singletonKey, ...(events.length > 1 || config.batchEvents ? { events } : {}), ...(throttle ? { throttle } : {}) });
}

/** A throttle's GCRA parameters for this run: one start per `interval`, `tolerance` ahead of schedule allowed. */
function throttleOf(config: FunctionConfig, event: InngestEvent): ThrottleSpec {
  const t = config.throttle!;
  const interval = durationMs(t.period) / Math.max(1, t.limit);
  return { slug: config.id, key: celKey(t.key, { event }) ?? '', interval, tolerance: (Math.max(1, t.limit) + Math.max(0, t.burst ?? 0) - 1) * interval };
}

/**
 * Adds the event to its key's open batch (opening one, with its timeout item, if none is open). A full batch
 * starts its run at once. Events that fail the batch's `if` run on their own, unbatched.
 */
export async function addToBatch(ctx: ExecContext, tx: Tx, fx: Effects, config: FunctionConfig, event: InngestEvent, opts: StartRunOptions, emit: Emit): Promise<void> {
  const b = config.batchEvents!;
  const key = celKey(b.key, { event }) ?? '';
  await lockKey(tx, 'batch', config.id, key);
  const [row] = await tx<{ batchId: string; n: number; expiresAt: string; opened: boolean }[]>`
    insert into ember_exec.keys (function_slug, kind, key, run_id, event, expires_at)
    values (${config.id}, 'batch', ${key}, ${ulid(ctx.now())}, jsonb_build_array(${json(event)}::text::jsonb), now() + ${`${durationMs(b.timeout)} milliseconds`}::interval)
    on conflict (function_slug, kind, key) do update set event = ember_exec.keys.event || excluded.event
    returning run_id as "batchId", jsonb_array_length(event) as n, expires_at as "expiresAt", (xmax = 0) as opened`;
  const item = { runId: `batch:${config.id}`, kind: 'batch' as const, stepId: key };
  if (row!.n >= b.maxSize) {
    await tx`delete from ember_exec.queue where run_id = ${item.runId} and kind = 'batch' and step_id = ${key}`;
    await fireBatch(ctx, tx, fx, config.id, key, row!.batchId, opts, emit);
    return;
  }
  // `replace`: a timeout item of an earlier batch of this key that a worker holds right now loses its lease, so it
  // cannot start this batch early.
  if (row!.opened) await enqueue(tx, { ...item, runAt: new Date(row!.expiresAt), payload: { slug: config.id, key, batchId: row!.batchId } }, 'replace');
  fx.wake = true;
}

/** Starts the run of a batch (full, or its timeout passed); a batch already started or replaced starts nothing. */
export async function fireBatch(ctx: ExecContext, tx: Tx, fx: Effects, slug: string, key: string, batchId: string, opts: StartRunOptions, emit: Emit): Promise<void> {
  const [row] = await tx<{ event: InngestEvent[] }[]>`
    delete from ember_exec.keys where function_slug = ${slug} and kind = 'batch' and key = ${key} and run_id = ${batchId} returning event`;
  const config = ctx.registry.get(slug);
  if (!row || !config) return;
  // The run belongs to its first event (runsForEvent, latency metrics), whichever event closed the batch.
  const [first] = await tx<{ internalId: string }[]>`select internal_id as "internalId" from ember_exec.events where id = ${row.event[0]!.id}`;
  await admitRun(ctx, tx, fx, config, row.event, { ...opts, eventInternalId: first ? Number(first.internalId) : null }, emit);
}
