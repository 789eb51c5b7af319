/**
 * Processing one leased queue item. For `discover`/`step` items: call the SDK with the run's memo map, then apply
 * what it answered in one transaction that first re-checks our lease (a fence against a worker whose lease ran out)
 * and locks the run (so parallel steps of one run apply one at a time).
 */
import { withHeartbeat } from './lease.ts';
import type postgres from 'postgres';
import { celMatches } from './cel.ts';
import { Effects, type ExecContext } from './context.ts';
import { durationMs, resolveInstant } from './durations.ts';
import { fireBatch } from './flow.ts';
import { fireDebounce, ingestEvents, lockEventNames } from './ingest.ts';
import { planGateway, performGateway, type GatewayConfig } from './ops/gateway.ts';
import { signalTimedOut, waitForSignal } from './ops/signal.ts';
import { pauseKey } from './pause-key.ts';
import { OpSchema, type InngestEvent, type Op } from './protocol.ts';
import { finishRun, startRun, toSerializedError } from './runs.ts';
import { RUN_COLUMNS, discoverWhenSettled, enqueue, json, lockRun, memoize, queueItemRef, slotsOf, takeLeasedItem, type LeaseOutcome, type QueueItem, type RunRow, type Tx } from './state.ts';
import type { SdkResponse, SdkTransport } from './transport.ts';

export interface EngineDeps extends ExecContext {
  sql: postgres.Sql;
  transport: SdkTransport;
  workerId: string;
  leaseMs: number;
  /** Delay before retry number `attempt` (1-based) when the app gives no retry-after. */
  backoffMs: (attempt: number) => number;
  /** step.fetch / step.ai.infer: the SSRF allowlist and the Claude key and base URL (ops/gateway.ts). */
  gateway?: GatewayConfig;
  /**
   * Send `fn_id`/`qi_id` so the SDK runs consecutive steps in one call and checkpoints them (checkpoint.ts); off,
   * every step is a call of its own.
   */
  checkpointing?: boolean;
}

export async function processItem(deps: EngineDeps, item: QueueItem): Promise<Effects> {
  switch (item.kind) {
    case 'discover':
    case 'step':
      return executeStep(deps, item);
    case 'sleep':
      return inTx(deps, item, async (tx, fx, run) => {
        if (run && (await memoize(tx, run.id, item.stepId, 'Sleep', null))) fx.wake = await discoverWhenSettled(tx, run);
      });
    case 'wait_timeout':
      return inTx(deps, item, async (tx, fx, run) => {
        const gone = run ? await tx`delete from ember_exec.pauses where run_id = ${run.id} and step_id = ${item.stepId} returning 1` : [];
        // The pause may already be gone: an event matched it just before the timeout fired.
        if (run && gone.length && (await memoize(tx, run.id, item.stepId, 'WaitForEvent', null))) fx.wake = await discoverWhenSettled(tx, run);
      });
    case 'invoke_timeout':
      return inTx(deps, item, async (tx, fx, run) => {
        const error = { name: 'InngestInvokeTimeoutError', message: 'Timed out waiting for the invoked function to complete' };
        if (run && (await memoize(tx, run.id, item.stepId, 'InvokeFunction', { error }))) fx.wake = await discoverWhenSettled(tx, run);
      });
    case 'debounce':
      return inTx(deps, item, (tx, fx) => fireDebounce(deps, tx, fx, String(item.payload.slug), String(item.payload.key), Number(item.payload.eventInternalId) || undefined), { noRun: true });
    case 'batch':
      return inTx(deps, item, (tx, fx) => fireBatch(deps, tx, fx, String(item.payload.slug), String(item.payload.key), String(item.payload.batchId), {}, emit(deps)), { noRun: true });
    case 'start_timeout':
    case 'finish_timeout': {
      const kind = item.kind;
      return inTx(deps, item, (tx, fx, run) => (run ? timeOut(deps, tx, fx, run, kind) : Promise.resolve()));
    }
    case 'signal_timeout':
      return inTx(deps, item, (tx, fx, run) => signalTimedOut(tx, fx, run, item));
    case 'gateway':
    case 'ai_gateway':
      return performGateway(deps, item, (fn) => inTx(deps, item, fn));
  }
}

async function inTx(deps: EngineDeps, item: QueueItem, fn: (tx: Tx, fx: Effects, run: RunRow | null, lease: LeaseOutcome) => Promise<unknown>, opts: { noRun?: boolean; waitEvents?: string[] } = {}): Promise<Effects> {
  const fx = new Effects();
  await deps.sql.begin(async (tx) => {
    // Lock order everywhere: event names, then the run, then its queue items. Taking the item first would deadlock
    // with an invoked child finishing at the same moment (it locks this run, then enqueues its rediscovery, which
    // waits on the item row this transaction deleted).
    await lockEventNames(tx, opts.waitEvents ?? []);
    const run = opts.noRun ? null : await lockRun(tx, item.runId);
    const lease = await takeLeasedItem(tx, item.id, deps.workerId);
    if (!lease.taken) return;
    await releaseSlots(tx, item);
    await fn(tx, fx, run && run.status === 'running' ? run : null, lease);
    // Something settled while this item was out (a child finished, an awaited event arrived): ask again.
    if (lease.rediscover && run) {
      const [still] = await tx`select status from ember_exec.runs where id = ${run.id}`;
      if (still?.status === 'running') fx.wake = (await discoverWhenSettled(tx, run)) || fx.wake;
    }
  });
  return fx;
}

/**
 * This item's concurrency slots are free once it commits: every item a full key turned away becomes eligible at
 * that moment, together, so the next claim picks among them by `run_at` (priority, then FIFO) rather than by
 * whichever hold happened to run out first.
 */
async function releaseSlots(tx: Tx, item: QueueItem): Promise<void> {
  const keys = [item.concurrencyKey, item.concurrencyKey2].filter((k): k is string => !!k);
  if (!keys.length) return;
  // SKIP LOCKED: an item another transaction holds is being applied or claimed right now and needs no release;
  // waiting for it would deadlock with that transaction's own release of this one.
  await tx`update ember_exec.queue set hold_until = null where id in (
    select id from ember_exec.queue
    where hold_until is not null and (concurrency_key = any(${keys}::text[]) or concurrency_key2 = any(${keys}::text[]))
    for update skip locked)`;
}

const emit = (deps: EngineDeps) => (tx: Tx, fx: Effects, events: Omit<InngestEvent, 'id' | 'ts'>[]) => ingestEvents(deps, tx, fx, events);

/**
 * `timeouts` (docs: reference/typescript/v4/functions/timeouts): `start` cancels a run whose first step has not
 * started in time (a step being executed right now counts as started); `finish` cancels a run still going once
 * its time is up — a step executing at that moment finishes, but its result is dropped and no later step runs.
 * Both end as cancelled, which emits `inngest/function.cancelled`.
 */
export async function timeOut(deps: EngineDeps, tx: Tx, fx: Effects, run: RunRow, kind: 'start_timeout' | 'finish_timeout') {
  if (kind === 'start_timeout') {
    const [state] = await tx`select first_step_at is not null or exists(
        select 1 from ember_exec.queue where run_id = ${run.id} and kind in ('discover', 'step') and lease_until >= now()) as started
      from ember_exec.runs where id = ${run.id}`;
    if (state?.started) return;
  }
  const which = kind === 'start_timeout' ? 'start' : 'finish';
  const limit = deps.registry.get(run.functionSlug)?.timeouts?.[which] ?? '';
  await finishRun(deps, tx, fx, run.id, { status: 'cancelled', error: { name: 'InngestTimeoutError', message: `timeouts.${which} (${limit}) passed` } }, emit(deps));
}

async function executeStep(deps: EngineDeps, item: QueueItem): Promise<Effects> {
  // The run and its memo map in one round trip (the memo in completion order: the SDK's stack).
  const [row] = await deps.sql<(RunRow & { memo: { stepId: string; memo: unknown }[]; started: boolean; runningMs: number | null })[]>`
    select ${deps.sql.unsafe(RUN_COLUMNS)}, r.first_step_at is not null as "started",
           extract(epoch from now() - r.first_step_at) * 1000 as "runningMs",
           coalesce((select json_agg(json_build_object('stepId', s.step_id, 'memo', s.memo) order by s.seq)
                     from ember_exec.steps s where s.run_id = r.id), '[]'::json) as memo
    from ember_exec.runs r where r.id = ${item.runId}`;
  if (!row || row.status !== 'running') return inTx(deps, item, async () => {});
  const run: RunRow & { started?: boolean } = row;
  // Past timeouts.finish: the next step never runs, even if the finish_timeout item has not come round yet.
  const finish = deps.registry.get(row.functionSlug)?.timeouts?.finish;
  if (finish && row.runningMs !== null && Number(row.runningMs) >= durationMs(finish)) return inTx(deps, item, (tx, fx, locked) => (locked ? timeOut(deps, tx, fx, locked, 'finish_timeout') : Promise.resolve()));
  const memo = memoFrom(typeof row.memo === 'string' ? JSON.parse(row.memo) : row.memo);
  if (item.kind === 'step' && item.stepId in memo.steps) {
    // Recorded before a crash: never run a completed step again.
    return inTx(deps, item, async (tx, fx, locked) => {
      if (locked) fx.wake = await discoverWhenSettled(tx, locked);
    });
  }
  if (!deps.registry.get(run.functionSlug)) {
    return inTx(deps, item, (tx, fx, locked) =>
      locked ? finishRun(deps, tx, fx, locked.id, { status: 'failed', error: { name: 'FunctionNotFound', message: `the app no longer has function ${run.functionSlug}` } }, emit(deps)) : Promise.resolve(),
    );
  }
  const body = {
    version: run.requestVersion,
    event: run.event,
    events: run.events ?? [run.event],
    steps: memo.steps,
    ctx: {
      run_id: run.id,
      attempt: item.attempt,
      max_attempts: run.maxAttempts,
      disable_immediate_execution: run.disableImmediate === 1,
      use_api: false,
      stack: { stack: memo.stack, current: memo.stack.length },
      // The SDK checkpoints only on a discovery without disable_immediate_execution; sent on every call all the same.
      ...(deps.checkpointing ? { fn_id: run.functionSlug, qi_id: queueItemRef(item.id, deps.workerId) } : {}),
    },
  };
  const startedAt = new Date(deps.now());
  const res = await withHeartbeat(deps, item, () =>
    deps.transport
      .call({ fnId: run.functionSlug, stepId: item.stepId }, body, { 'x-run-id': run.id, ...(run.requestVersion >= 0 ? { 'x-inngest-req-version': String(run.requestVersion) } : {}) })
      .catch((err: unknown): SdkResponse => ({ status: 599, headers: new Headers(), body: JSON.stringify({ name: 'TransportError', message: err instanceof Error ? err.message : String(err) }) })),
  );
  const waitEvents = waitEventNames(res);
  return inTx(deps, item, (tx, fx, locked, lease) => (locked ? applyResponse(deps, tx, fx, { ...locked, started: run.started } as RunRow, item, res, startedAt, lease.checkpointed) : Promise.resolve()), { waitEvents });
}


async function applyResponse(deps: EngineDeps, tx: Tx, fx: Effects, run: RunRow, item: QueueItem, res: SdkResponse, startedAt: Date, checkpointed: number) {
  const version = Number(res.headers.get('x-inngest-req-version'));
  const nextVersion = Number.isFinite(version) && res.headers.has('x-inngest-req-version') ? version : run.requestVersion;
  const parsed = safeJson(res.body);
  const ops = res.status === 206 && Array.isArray(parsed) ? parsed.map((o) => OpSchema.parse(o)) : [];
  const outcome = outcomeLabel(res.status, ops);
  // The run row is locked already: its counters (read by the metrics) cost no extra contention.
  const { attempts, ok } = attemptsOf(res.status, ops, checkpointed);
  await tx`update ember_exec.runs set first_step_at = coalesce(first_step_at, ${startedAt.toISOString()}::timestamptz), request_version = ${nextVersion},
    step_attempts = step_attempts + ${attempts}, step_attempts_ok = step_attempts_ok + ${ok} where id = ${run.id}`;
  const finish = deps.registry.get(run.functionSlug)?.timeouts?.finish;
  if (finish && !(run as RunRow & { started?: boolean }).started) {
    await enqueue(tx, { runId: run.id, kind: 'finish_timeout', stepId: 'finish', runAt: new Date(startedAt.getTime() + durationMs(finish)) });
  }
  await tx`insert into ember_exec.attempts (run_id, step_id, attempt, status, outcome, ops, error, started_at)
    values (${run.id}, ${item.stepId}, ${item.attempt}, ${res.status}, ${outcome},
            ${res.status === 206 ? json(ops.map(summariseOp)) : null}::text::jsonb, ${res.status >= 300 ? json(parsed) : null}::text::jsonb, ${startedAt.toISOString()}::timestamptz)`;

  if (res.status === 200) {
    return finishRun(deps, tx, fx, run.id, { status: 'completed', output: parsed }, emit(deps));
  }
  if (res.status === 206) return applyOps(deps, tx, fx, run, item, ops, res.headers);
  // The SDK stopped because a checkpoint was refused as stale (409), yet the lease is still ours (we got this far):
  // not a takeover, so not the run's failure. Retried like any retriable error: a retry (attempt > 0) runs its step
  // without checkpointing, so even a checkpoint API that keeps refusing (an app pointed at another executor's API)
  // cannot stall the run.
  const noRetry = res.headers.get('x-inngest-no-retry') === 'true' && !isStaleDispatch(parsed);
  if (!noRetry && item.attempt + 1 < run.maxAttempts) return retry(deps, tx, fx, run, item, res.headers);
  return finishRun(deps, tx, fx, run.id, { status: 'failed', error: toSerializedError(parsed) }, emit(deps));
}

async function retry(deps: EngineDeps, tx: Tx, fx: Effects, run: RunRow, item: QueueItem, headers: Headers) {
  const delay = retryAfterMs(headers, deps.now()) ?? deps.backoffMs(item.attempt + 1);
  await enqueue(tx, { runId: run.id, kind: item.kind, stepId: item.stepId, attempt: item.attempt + 1, runAt: new Date(deps.now() + delay), concurrencyKey: item.concurrencyKey, concurrencyLimit: item.concurrencyLimit }, 'replace');
  fx.wake = true;
}

async function applyOps(deps: EngineDeps, tx: Tx, fx: Effects, run: RunRow, item: QueueItem, ops: Op[], headers: Headers) {
  // More than one op in one answer means parallel steps: from now on every step is planned, none run inline. Steps a
  // checkpointing call ran (buffered, or handed back when a checkpoint failed) and its RunComplete are no such ops.
  const planned = ops.filter((o) => o.op !== 'StepRun' && o.op !== 'RunComplete');
  if (planned.length > 1 && run.disableImmediate !== 1) await tx`update ember_exec.runs set disable_immediate = 1 where id = ${run.id}`;
  let progressed = false;
  const conc = slotsOf(run);
  for (const op of ops) {
    const name = op.userland?.id ?? op.displayName ?? op.name ?? null;
    switch (op.op) {
      case 'StepRun':
        progressed = (await memoize(tx, run.id, op.id, op.op, { data: op.data ?? null }, name)) || progressed;
        break;
      case 'StepFailed':
        progressed = (await memoize(tx, run.id, op.id, op.op, { error: op.error }, name)) || progressed;
        break;
      case 'StepError':
        await retry(deps, tx, fx, run, item, headers);
        break;
      case 'StepPlanned': {
        const [known] = await tx`select exists(select 1 from ember_exec.steps where run_id = ${run.id} and step_id = ${op.id}) as b`;
        if (!known!.b) await enqueue(tx, { runId: run.id, kind: 'step', stepId: op.id, ...conc });
        fx.wake = true;
        break;
      }
      case 'Sleep': {
        const until = resolveInstant((op.opts?.duration as string | undefined) ?? op.name, deps.now());
        await enqueue(tx, { runId: run.id, kind: 'sleep', stepId: op.id, runAt: until, payload: { name } });
        break;
      }
      case 'WaitForEvent': {
        const opts = op.opts ?? {};
        const timeoutAt = resolveInstant(opts.timeout as string | undefined, deps.now());
        const eventName = String(opts.event ?? op.name);
        const expression = (opts.if as string | undefined) ?? null;
        const key = pauseKey(expression, run.event);
        // The wait and (when keyed) its path, in one round trip: arriving events look it up by key (ingest.ts).
        const created = await tx`
          with p as (
            insert into ember_exec.pauses (run_id, step_id, event_name, expression, match_path, match_value, match_exact, timeout_at)
            values (${run.id}, ${op.id}, ${eventName}, ${expression}, ${key?.path ?? null}, ${key?.value ?? null}, ${key?.exact ?? false}, ${timeoutAt.toISOString()}::timestamptz)
            on conflict (run_id, step_id) do nothing returning 1),
          k as (
            insert into ember_exec.pause_paths (event_name, path) values (${eventName}, ${key?.path ?? ''}) on conflict do nothing)
          select 1 from p`;
        await enqueue(tx, { runId: run.id, kind: 'wait_timeout', stepId: op.id, runAt: timeoutAt });
        if (created.length) fx.wake = (await matchRecentEvent(tx, run, op.id, eventName, expression)) || fx.wake;
        break;
      }
      case 'InvokeFunction':
        await invoke(deps, tx, fx, run, op);
        break;
      case 'WaitForSignal':
        await waitForSignal(tx, fx, run, op, deps.now());
        break;
      case 'Gateway':
      case 'AIGateway':
        await planGateway(tx, fx, run, op);
        break;
      case 'RunComplete':
        return finishRun(deps, tx, fx, run.id, { status: 'completed', output: (op.data as { data?: unknown } | undefined)?.data ?? op.data ?? null }, emit(deps));
      default:
        return finishRun(deps, tx, fx, run.id, { status: 'failed', error: { name: 'UnsupportedOp', message: `the embedded executor does not support ${op.op} (step ${name ?? op.id})` } }, emit(deps));
    }
  }
  if (progressed) fx.wake = (await discoverWhenSettled(tx, run)) || fx.wake;
}

/**
 * An event that arrived after the previous step began but before this wait was registered (the gap between a step
 * that announced something, like a gate's task, and the discovery that reports the wait) would otherwise match
 * nothing. Embedded-only kindness beyond Inngest's semantics; the reconciler still covers the rest.
 */
async function matchRecentEvent(tx: Tx, run: RunRow, stepId: string, eventName: string, expression: string | null): Promise<boolean> {
  const recent = await tx<{ id: string; name: string; data: Record<string, unknown>; ts: number; user: Record<string, unknown> | null }[]>`
    select id, name, data, ts::float8 as ts, "user" from ember_exec.events
    where name = ${eventName} and received_at >= coalesce(
      -- the call before this one ran the step that preceded the wait: anything announced by that step came later
      (select started_at from ember_exec.attempts where run_id = ${run.id} order by id desc offset 1 limit 1),
      (select created_at from ember_exec.runs where id = ${run.id}))
      -- an event that already resumed one of this run's waits does not resume another
      and not exists (select 1 from ember_exec.steps s where s.run_id = ${run.id} and s.op = 'WaitForEvent' and s.memo->>'id' = ember_exec.events.id)
    order by internal_id`;
  for (const e of recent) {
    const event: InngestEvent = { id: e.id, name: e.name, data: e.data, ts: Number(e.ts), ...(e.user ? { user: e.user } : {}) };
    if (!celMatches(expression, { event: run.event, async: event })) continue;
    await tx`delete from ember_exec.pauses where run_id = ${run.id} and step_id = ${stepId}`;
    await tx`delete from ember_exec.queue where run_id = ${run.id} and kind = 'wait_timeout' and step_id = ${stepId}`;
    await memoize(tx, run.id, stepId, 'WaitForEvent', event);
    return discoverWhenSettled(tx, run);
  }
  return false;
}

async function invoke(deps: EngineDeps, tx: Tx, fx: Effects, run: RunRow, op: Op) {
  const opts = op.opts ?? {};
  const slug = String(opts.function_id ?? '');
  const [already] = await tx`select exists(select 1 from ember_exec.runs where parent_run_id = ${run.id} and parent_step_id = ${op.id}) as b`;
  if (already!.b) return;
  const config = deps.registry.get(slug);
  if (!config) {
    // Inngest's own answer: the invoking step fails (catchable in user code), the run goes on.
    await memoize(tx, run.id, op.id, 'InvokeFunction', { error: { name: 'Error', message: `could not find function with ID: ${slug}` } });
    fx.wake = await discoverWhenSettled(tx, run);
    return;
  }
  const payload = (opts.payload ?? {}) as { data?: Record<string, unknown>; user?: Record<string, unknown> };
  const event: InngestEvent = { id: `invoke-${run.id}-${op.id}`, name: 'inngest/function.invoked', data: payload.data ?? {}, ts: deps.now() };
  await startRun(tx, fx, config, event, { parent: { runId: run.id, stepId: op.id } });
  if (opts.timeout) await enqueue(tx, { runId: run.id, kind: 'invoke_timeout', stepId: op.id, runAt: resolveInstant(opts.timeout as string, deps.now()) });
}

function memoFrom(rows: { stepId: string; memo: unknown }[]): { steps: Record<string, unknown>; stack: string[] } {
  const steps: Record<string, unknown> = {};
  for (const r of rows) steps[r.stepId] = r.memo;
  return { steps, stack: rows.map((r) => r.stepId) };
}

/** The event names this answer starts waiting for (to lock them before the wait is registered). */
function waitEventNames(res: SdkResponse): string[] {
  if (res.status !== 206) return [];
  const ops = safeJson(res.body);
  if (!Array.isArray(ops)) return [];
  return ops.flatMap((o: { op?: string; opts?: { event?: string }; name?: string }) => (o.op === 'WaitForEvent' ? [String(o.opts?.event ?? o.name)] : []));
}

function retryAfterMs(headers: Headers, now: number): number | null {
  const v = headers.get('retry-after');
  if (!v) return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function safeJson(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The step attempts one call amounts to, as the observe middleware counts them (server/inngest/observe/call-record.ts):
 * each step the SDK executed in it (checkpointed ones, and those its answer reports), or the call itself when it
 * executed none.
 */
function attemptsOf(status: number, ops: Op[], checkpointed: number): { attempts: number; ok: number } {
  const ran = ops.filter((o) => o.op === 'StepRun' || o.op === 'StepError' || o.op === 'StepFailed');
  if (checkpointed + ran.length === 0) return { attempts: 1, ok: status < 300 ? 1 : 0 };
  return { attempts: checkpointed + ran.length, ok: checkpointed + ran.filter((o) => o.op === 'StepRun').length };
}

/** The SDK's answer after a checkpoint was refused with 409 (its `StaleDispatchError`). */
function isStaleDispatch(body: unknown): boolean {
  return !!body && typeof body === 'object' && (body as { name?: unknown }).name === 'StaleDispatchError';
}

function outcomeLabel(status: number, ops: Op[]): string {
  if (status === 200) return 'completed';
  if (status === 206) return ops.map((o) => o.op).join(',');
  return status === 400 ? 'failed' : 'error';
}

function summariseOp(op: Op) {
  return { id: op.id, op: op.op, name: op.userland?.id ?? op.displayName ?? op.name, ...(op.error ? { error: op.error } : {}) };
}
