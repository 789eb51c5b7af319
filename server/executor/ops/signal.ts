/**
 * Signals: `step.waitForSignal` (op `WaitForSignal`, opts `{signal, timeout, conflict}`), resumed by
 * `POST /v1/signals` (`inngest.sendSignal()`, and `step.sendSignal()`, which the SDK runs as an ordinary planned
 * step calling that same API, so it is memoized like any step and the executor performs nothing else for it).
 *
 * Follows inngest docs reference/typescript/v4/functions/step-wait-for-signal and inngest
 * pkg/execution/executor/executor.go `handleGeneratorWaitForSignal`:
 * - a signal name has at most one waiter (`ember_exec.signals`, keyed by the name);
 * - `onConflict: 'fail'` (the default): the new wait's step fails with `Error: Signal conflict; signal wait already
 *   exists for another run` (catchable in user code; uncaught, the run fails);
 * - `onConflict: 'replace'`: the new wait takes the name over; the older wait is not resumed by the signal and only
 *   times out;
 * - a timeout resumes the step with `null`; a signal resumes it with `{signal, data}`, memoized as `{data: …}` so the
 *   SDK hands back exactly the `{signal, data}` its types promise.
 * The timeout is a `signal_timeout` queue item (time lives in the database, so it survives restarts).
 *
 * Lock order, as elsewhere: the run first, then the signal row. Delivery reads the row unlocked, locks the run it
 * names, then deletes the row only if it still names that run (a `replace` may have moved it meanwhile: look again).
 */
import type postgres from 'postgres';
import type { Effects } from '../context.ts';
import { resolveInstant } from '../durations.ts';
import type { Op } from '../protocol.ts';
import { discoverWhenSettled, enqueue, lockRun, memoize, type QueueItem, type RunRow, type Tx } from '../state.ts';

/** Inngest's message for a second wait on a signal name that already has one (`onConflict: 'fail'`). */
export const SIGNAL_CONFLICT = 'Signal conflict; signal wait already exists for another run';

const opName = (op: Op) => op.userland?.id ?? op.displayName ?? op.name ?? null;

async function failStep(tx: Tx, fx: Effects, run: RunRow, op: Op, message: string) {
  if (await memoize(tx, run.id, op.id, 'WaitForSignal', { error: { name: 'Error', message } }, opName(op))) fx.wake = (await discoverWhenSettled(tx, run)) || fx.wake;
}

/** `WaitForSignal`: register the wait (or fail it on a conflict) and its timeout. Runs with the run row locked. */
export async function waitForSignal(tx: Tx, fx: Effects, run: RunRow, op: Op, now: number): Promise<void> {
  const opts = op.opts ?? {};
  const signal = String(opts.signal ?? op.name ?? '');
  if (!signal) return failStep(tx, fx, run, op, 'signal name is empty');
  const [known] = await tx`select exists(select 1 from ember_exec.steps where run_id = ${run.id} and step_id = ${op.id}) as b`;
  if (known!.b) return;
  const timeoutAt = resolveInstant(opts.timeout as string | undefined, now).toISOString();
  // A waiter whose run has ended (cancelled, or failed in a parallel branch) no longer holds the name; nor does this
  // very step under another name (a signal name computed differently on a replay).
  await tx`delete from ember_exec.signals s where (s.signal = ${signal}
    and not exists (select 1 from ember_exec.runs r where r.id = s.run_id and r.status = 'running'))
    or (s.run_id = ${run.id} and s.step_id = ${op.id} and s.signal <> ${signal})`;
  if (opts.conflict === 'replace') {
    await tx`insert into ember_exec.signals (signal, run_id, step_id, timeout_at) values (${signal}, ${run.id}, ${op.id}, ${timeoutAt}::timestamptz)
      on conflict (signal) do update set run_id = excluded.run_id, step_id = excluded.step_id, timeout_at = excluded.timeout_at, created_at = now()`;
  } else {
    await tx`insert into ember_exec.signals (signal, run_id, step_id, timeout_at) values (${signal}, ${run.id}, ${op.id}, ${timeoutAt}::timestamptz)
      on conflict (signal) do nothing`;
    const [holder] = await tx<{ runId: string; stepId: string }[]>`select run_id as "runId", step_id as "stepId" from ember_exec.signals where signal = ${signal}`;
    // The same wait reported again (a rediscovery before it resumed) is no conflict.
    if (holder && (holder.runId !== run.id || holder.stepId !== op.id)) return failStep(tx, fx, run, op, SIGNAL_CONFLICT);
  }
  await enqueue(tx, { runId: run.id, kind: 'signal_timeout', stepId: op.id, runAt: new Date(timeoutAt), payload: { name: opName(op), signal } });
}

/** A `signal_timeout` item came due: the step resumes with `null` unless a signal got there first. */
export async function signalTimedOut(tx: Tx, fx: Effects, run: RunRow | null, item: QueueItem): Promise<void> {
  if (!run) return;
  await tx`delete from ember_exec.signals where run_id = ${run.id} and step_id = ${item.stepId}`;
  const name = typeof item.payload.name === 'string' ? item.payload.name : null;
  if (await memoize(tx, run.id, item.stepId, 'WaitForSignal', null, name)) fx.wake = (await discoverWhenSettled(tx, run)) || fx.wake;
}

/**
 * `POST /v1/signals`: resumes the run waiting on `signal` with `data`. Returns its run id, or null when nothing
 * waits (the API answers 404, as Inngest does).
 */
export async function deliverSignal(sql: postgres.Sql, fx: Effects, signal: string, data: unknown): Promise<string | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const outcome = await sql.begin(async (tx): Promise<{ runId: string | null } | 'again'> => {
      const [holder] = await tx<{ runId: string; stepId: string }[]>`select run_id as "runId", step_id as "stepId" from ember_exec.signals where signal = ${signal}`;
      if (!holder) return { runId: null };
      const run = await lockRun(tx, holder.runId);
      const taken = await tx`delete from ember_exec.signals where signal = ${signal} and run_id = ${holder.runId} and step_id = ${holder.stepId} returning 1`;
      // Moved to another run meanwhile (replace), or a stale waiter whose run has ended (now removed): look again.
      if (!taken.length || !run || run.status !== 'running') return 'again';
      const [timeout] = await tx<{ payload: { name?: string } }[]>`
        delete from ember_exec.queue where run_id = ${run.id} and kind = 'signal_timeout' and step_id = ${holder.stepId} returning payload`;
      if (!(await memoize(tx, run.id, holder.stepId, 'WaitForSignal', { data: { signal, data: data ?? null } }, timeout?.payload?.name ?? null))) return { runId: null };
      fx.wake = (await discoverWhenSettled(tx, run)) || fx.wake;
      return { runId: run.id };
    });
    if (outcome !== 'again') return outcome.runId;
  }
  return null;
}
