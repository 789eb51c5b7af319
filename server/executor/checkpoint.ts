/**
 * Async checkpointing (INNGEST.md §2.7): `POST /v1/checkpoint/:runId/async`. When a discovery call carries
 * `ctx.fn_id` and `ctx.qi_id`, the v4 SDK runs consecutive `step.run`s inside that one call and reports each one
 * here (`{run_id, fn_id, qi_id, steps: [StepRun op…], request_started_at, ts}`) before running the next; the call's
 * own answer comes only at the first op it cannot run inline (a sleep, a wait, a failed step, parallel steps), at the
 * end of the run, or once its `maxRuntime` is up.
 *
 * Follows inngest pkg/api/apiv1/checkpoint.go `CheckpointAsyncSteps` and the SDK's `checkpointStepsAsync`:
 * - only `StepRun` ops are checkpointed (any other op answers 400; the SDK then falls back to answering the call
 *   with its buffered steps, which the executor applies as usual);
 * - 409 means stale dispatch: the queue item named by `qi_id` is no longer ours to write for (its lease went to
 *   another worker, or the run ended). The SDK then stops running steps and answers with `StaleDispatchError`;
 * - a step recorded already is a no-op (the SDK retries a checkpoint whose answer it did not get).
 *
 * `qi_id` is `<queue item id>:<lease owner>` (state.ts `queueItemRef`): the same fence as applying an answer
 * (state.ts `takeLeasedItem`), so a checkpoint is written exactly when the call's own answer could still be. The steps' memos go in one statement
 * (one transaction), in the order given, and bump the item's `payload.checkpointed` so the answer's apply counts the
 * steps this call ran (the run's attempt counters match what the observe middleware saw).
 */
import { z } from 'zod';
import type { Effects } from './context.ts';
import { durationMs } from './durations.ts';
import { timeOut, type EngineDeps } from './process-item.ts';
import { enqueue, json, lockRun, type Tx } from './state.ts';

const CheckpointStepSchema = z
  .object({
    id: z.string().min(1).max(256),
    op: z.string(),
    data: z.unknown().optional(),
    name: z.string().optional(),
    displayName: z.string().optional(),
    userland: z.object({ id: z.string() }).loose().optional(),
  })
  .loose();

export const CheckpointRequestSchema = z
  .object({
    run_id: z.string().min(1),
    fn_id: z.string().min(1),
    qi_id: z.string().min(1),
    steps: z.array(CheckpointStepSchema).max(10_000),
    request_started_at: z.number().optional(),
    ts: z.number().optional(),
  })
  .loose();
export type CheckpointRequest = z.infer<typeof CheckpointRequestSchema>;

/**
 * `EMBER_EXEC_CHECKPOINTING`: `on` (the default, as in the v4 SDK) or `off` (every step a call of its own; for
 * comparison and debugging).
 */
export function checkpointingFromEnv(env: Record<string, string | undefined>): boolean {
  return z.enum(['on', 'off']).default('on').parse(env.EMBER_EXEC_CHECKPOINTING || undefined) === 'on';
}

export type CheckpointOutcome = { status: 200; written: number } | { status: 400 | 409; error: string };

function parseQueueItemRef(ref: string): { itemId: number; owner: string } | null {
  const m = /^(\d+):(.+)$/.exec(ref);
  return m ? { itemId: Number(m[1]), owner: m[2]! } : null;
}

/** Ops the checkpoint API records: a step that ran to completion inside the call (`Step` is the legacy name). */
const CHECKPOINTABLE = new Set(['StepRun', 'Step']);

export async function recordCheckpoint(deps: EngineDeps, runId: string, req: CheckpointRequest, fx: Effects): Promise<CheckpointOutcome> {
  if (req.run_id !== runId) return { status: 400, error: `run_id ${req.run_id} does not match the path's ${runId}` };
  const other = req.steps.find((s) => !CHECKPOINTABLE.has(s.op));
  if (other) return { status: 400, error: `cannot checkpoint opcode: ${other.op}` };
  const ref = parseQueueItemRef(req.qi_id);
  if (!ref) return stale('qi_id names no queue item');
  const finish = deps.registry.get(req.fn_id)?.timeouts?.finish;
  if (finish) return deps.sql.begin((tx) => checkpointTimed(deps, tx, fx, runId, req, ref, finish));
  // The common case is one statement, so one transaction of its own.
  return write(deps.sql, runId, req, ref);
}

const stale = (error: string): CheckpointOutcome => ({ status: 409, error });

/**
 * Checks the lease and writes the memos in one statement: the item row is locked (`for update`) so no claim can take
 * it over meanwhile, and nothing is written unless it is still leased by the caller for a running run of `fn_id`.
 */
async function write(sql: EngineDeps['sql'] | Tx, runId: string, req: CheckpointRequest, ref: { itemId: number; owner: string }): Promise<CheckpointOutcome> {
  const ids = req.steps.map((s) => s.id);
  const memos = req.steps.map((s) => json({ data: s.data ?? null }));
  const names = req.steps.map((s) => s.userland?.id ?? s.displayName ?? s.name ?? null);
  const [row] = await sql<{ owned: number; written: number }[]>`
    with item as (
      select q.id from ember_exec.queue q join ember_exec.runs r on r.id = q.run_id
      where q.id = ${ref.itemId} and q.run_id = ${runId} and q.kind = 'discover' and q.lease_owner = ${ref.owner}
        and r.status = 'running' and r.function_slug = ${req.fn_id}
      for update of q),
    ins as (
      insert into ember_exec.steps (run_id, step_id, op, memo, name)
      select ${runId}, s.id, 'StepRun', s.memo::jsonb, s.name
      from unnest(${ids}::text[], ${memos}::text[], ${names}::text[]) with ordinality as s(id, memo, name, ord)
      where exists (select 1 from item)
      order by s.ord
      on conflict (run_id, step_id) do nothing returning 1),
    counted as (
      update ember_exec.queue set payload = jsonb_set(payload, '{checkpointed}', to_jsonb(coalesce((payload->>'checkpointed')::int, 0) + (select count(*)::int from ins)))
      where id in (select id from item) and exists (select 1 from ins))
    select (select count(*)::int from item) as owned, (select count(*)::int from ins) as written`;
  if (!row?.owned) return stale(`queue item ${ref.itemId} of run ${runId} is not leased by the caller (stale dispatch)`);
  return { status: 200, written: row.written };
}

/**
 * A function with `timeouts.finish`: its clock starts with the first step (process-item.ts), which may now be a
 * checkpointed one, so start it here; once it has run out, the run is cancelled and the call told to stop (409).
 */
async function checkpointTimed(deps: EngineDeps, tx: Tx, fx: Effects, runId: string, req: CheckpointRequest, ref: { itemId: number; owner: string }, finish: string): Promise<CheckpointOutcome> {
  const run = await lockRun(tx, runId);
  if (!run || run.status !== 'running') return stale(`run ${runId} is not running`);
  const [clock] = await tx<{ started: boolean; elapsedMs: number | null }[]>`
    select first_step_at is not null as started, extract(epoch from now() - first_step_at) * 1000 as "elapsedMs" from ember_exec.runs where id = ${runId}`;
  if (!clock!.started) {
    await tx`update ember_exec.runs set first_step_at = now() where id = ${runId}`;
    await enqueue(tx, { runId, kind: 'finish_timeout', stepId: 'finish', runAt: new Date(deps.now() + durationMs(finish)) });
  } else if (Number(clock!.elapsedMs) >= durationMs(finish)) {
    await timeOut(deps, tx, fx, run, 'finish_timeout');
    return stale(`run ${runId} passed timeouts.finish (${finish})`);
  }
  return write(tx, runId, req, ref);
}
