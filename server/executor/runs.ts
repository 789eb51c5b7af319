/** Starting and ending runs, inside the caller's transaction. */
import { celKey, celValue } from './cel.ts';
import { Effects, type ExecContext } from './context.ts';
import { durationMs } from './durations.ts';
import { ulid } from './ids.ts';
import { concurrencyOf, maxAttempts, type ConcurrencyLimit, type FunctionConfig, type InngestEvent } from './protocol.ts';
import { discoverWhenSettled, enqueue, json, lockRun, memoize, type RunSlots, type ThrottleSpec, type Tx } from './state.ts';

export interface StartRunOptions {
  parent?: { runId: string; stepId: string };
  eventInternalId?: number | null;
  rateKey?: string | null;
  runId?: string;
  /** `singleton.key` evaluated, when the function is a singleton. */
  singletonKey?: string | null;
  /** A batch's events (the run's `event` is the first). */
  events?: InngestEvent[];
  /** The function's throttle, evaluated for this run (charged when its first item is leased). */
  throttle?: ThrottleSpec;
}

/** Sends the executor's own events (inngest/function.*) through the event path, inside the transaction. */
export type Emit = (tx: Tx, fx: Effects, events: Omit<InngestEvent, 'id' | 'ts'>[]) => Promise<unknown>;

/**
 * A concurrency limit's key. `fn` scope counts per function (and evaluated key); `env` and `account` scopes are
 * shared by every function whose key expression and value are the same (this executor serves one environment of
 * one account, so the two coincide).
 */
function concurrencyKey(config: FunctionConfig, limit: ConcurrencyLimit, event: InngestEvent): string {
  const value = celKey(limit.key, { event }) ?? '';
  return limit.scope === 'fn' ? `${config.id}:${value}` : `${limit.scope}:${limit.key ?? ''}=${value}`;
}

/** `priority.run` in whole seconds, clamped to Inngest's −600…600; anything else (or an error) is 0. */
export function priorityOf(config: FunctionConfig, event: InngestEvent): number {
  if (!config.priority?.run) return 0;
  try {
    const v = Number(celValue(config.priority.run, { event }));
    return Number.isFinite(v) ? Math.max(-600, Math.min(600, Math.trunc(v))) : 0;
  } catch {
    return 0;
  }
}

export async function startRun(tx: Tx, fx: Effects, config: FunctionConfig, event: InngestEvent, opts: StartRunOptions = {}): Promise<string> {
  const runId = opts.runId ?? ulid();
  const [c1, c2] = concurrencyOf(config);
  const slots: RunSlots = {
    concurrencyKey: c1 ? concurrencyKey(config, c1, event) : null,
    concurrencyLimit: c1?.limit ?? null,
    concurrencyKey2: c2 ? concurrencyKey(config, c2, event) : null,
    concurrencyLimit2: c2?.limit ?? null,
    priority: priorityOf(config, event),
  };
  await tx`
    insert into ember_exec.runs (id, function_slug, event, events, event_internal_id, max_attempts, parent_run_id, parent_step_id,
                                 concurrency_key, concurrency_limit, concurrency_key2, concurrency_limit2, priority, singleton_key,
                                 rate_key, step_attempts, step_attempts_ok, event_received_at)
    values (${runId}, ${config.id}, ${json(event)}::text::jsonb, ${opts.events ? json(opts.events) : null}::text::jsonb, ${opts.eventInternalId ?? null}, ${maxAttempts(config)},
            ${opts.parent?.runId ?? null}, ${opts.parent?.stepId ?? null}, ${slots.concurrencyKey}, ${slots.concurrencyLimit},
            ${slots.concurrencyKey2}, ${slots.concurrencyLimit2}, ${slots.priority}, ${opts.singletonKey ?? null}, ${opts.rateKey ?? null}, 0, 0,
            (select received_at from ember_exec.events where internal_id = ${opts.eventInternalId ?? null}))`;
  await enqueue(tx, { runId, kind: 'discover', stepId: 'step', ...slots, ...(opts.throttle ? { payload: { throttle: opts.throttle } } : {}) });
  // timeouts.start: cancelled if its first step has not started by then (behind a backlog, or a throttle's slot).
  if (config.timeouts?.start) {
    await tx`insert into ember_exec.queue (run_id, kind, step_id, run_at)
      values (${runId}, 'start_timeout', 'start', now() + ${`${durationMs(config.timeouts.start)} milliseconds`}::interval) on conflict do nothing`;
  }
  fx.wake = true;
  return runId;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  [k: string]: unknown;
}

export function toSerializedError(value: unknown, fallback = 'Error'): SerializedError {
  if (value && typeof value === 'object' && 'message' in value) {
    const v = value as Record<string, unknown>;
    return { ...v, name: String(v.name ?? fallback), message: String(v.message) };
  }
  return { name: fallback, message: typeof value === 'string' ? value : JSON.stringify(value) };
}

/**
 * Ends a run: records the outcome, drops its pending work, hands the result to an invoking parent, and on failure
 * emits `inngest/function.failed` (which triggers the function's onFailure handler, `<slug>-failure`).
 */
export async function finishRun(
  ctx: ExecContext,
  tx: Tx,
  fx: Effects,
  runId: string,
  outcome: { status: 'completed'; output: unknown } | { status: 'failed' | 'cancelled'; error: SerializedError },
  emit: Emit,
): Promise<void> {
  const rows = await tx`
    update ember_exec.runs set status = ${outcome.status}, ended_at = now(),
      output = ${outcome.status === 'completed' ? json(outcome.output) : null}::text::jsonb,
      error = ${outcome.status !== 'completed' ? json(outcome.error) : null}::text::jsonb
    where id = ${runId} and status = 'running'
    returning function_slug as "functionSlug", event, parent_run_id as "parentRunId", parent_step_id as "parentStepId"`;
  const run = rows[0];
  if (!run) return;
  // Its pending work, waits and signal waits go in one round trip (a signal name it held is free at once).
  await tx`with q as (delete from ember_exec.queue where run_id = ${runId}), p as (delete from ember_exec.pauses where run_id = ${runId})
    delete from ember_exec.signals where run_id = ${runId}`;
  fx.ended.push({ runId, status: outcome.status });

  if (run.parentRunId && run.parentStepId) {
    const memo = outcome.status === 'completed' ? { data: outcome.output ?? null } : { error: outcome.error };
    const parent = await lockRun(tx, run.parentRunId);
    if (parent?.status === 'running' && (await memoize(tx, parent.id, run.parentStepId, 'InvokeFunction', memo))) {
      await tx`delete from ember_exec.queue where run_id = ${parent.id} and kind = 'invoke_timeout' and step_id = ${run.parentStepId}`;
      await discoverWhenSettled(tx, parent);
      fx.wake = true;
    }
  }

  const slug = String(run.functionSlug);
  if (outcome.status === 'failed' && !slug.endsWith('-failure')) {
    ctx.log(`run ${runId} of ${slug} failed: ${outcome.error.message}`);
    await emit(tx, fx, [{ name: 'inngest/function.failed', data: { function_id: slug, run_id: runId, error: outcome.error, event: run.event } }]);
  }
  if (outcome.status === 'cancelled') {
    // Inngest's system event for a cancelled run: whoever mirrors the run (the workflow rows) hears of it.
    await emit(tx, fx, [{ name: 'inngest/function.cancelled', data: { function_id: slug, run_id: runId, error: outcome.error, event: run.event } }]);
  } else {
    await emit(tx, fx, [{ name: 'inngest/function.finished', data: { function_id: slug, run_id: runId, event: run.event, ...(outcome.status === 'completed' ? { result: outcome.output ?? null } : { error: outcome.error }) } }]);
  }
}
