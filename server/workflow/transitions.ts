/**
 * Writes of workflow_run_steps transitions, each in a tenant transaction. Database triggers number every change
 * (run_change_seq) and announce it with pg_notify on commit (migration 0006), for live subscribers in every process. The guards make them idempotent: a completed step is never marked running
 * again, so a retried or replayed Inngest step returns the recorded output instead of acting twice.
 */
import { sql } from 'drizzle-orm';
import { RUN_CHANGE_CHANNEL, runStepChangePayload } from '../../shared/live/run-step-change.ts';
import type { Db, Tx } from '../db/client.ts';
import { withCompany } from '../db/tx.ts';


export interface StepRef {
  companyId: string;
  runId: string;
  stepId: string;
}

export type StartResult = { state: 'started' } | { state: 'done'; output: unknown } | { state: 'gone'; status: string };

/** pending/running → running (attempts + 1). Tells the caller when the step was already recorded or the run ended. */
export async function markRunning(db: Db, ref: StepRef, input: unknown, reason: string | null = null): Promise<StartResult> {
  return withCompany(db, ref.companyId, async (tx) => {
    const updated = await tx.execute(sql`
      update workflow_run_steps s set status = 'running', attempts = s.attempts + 1, started_at = coalesce(s.started_at, now()),
        input = ${JSON.stringify(input ?? null)}::jsonb, status_reason = ${reason}, updated_at = now()
      from workflow_runs r
      where s.run_id = ${ref.runId} and s.step_id = ${ref.stepId} and r.id = s.run_id
        and s.status in ('pending', 'running') and r.status in ('pending', 'running', 'waiting')
      returning s.attempts`);
    if (updated.length) return { state: 'started' };
    const [row] = await tx.execute<{ status: string; output: unknown; run_status: string }>(sql`
      select s.status, s.output, r.status as run_status from workflow_run_steps s join workflow_runs r on r.id = s.run_id
      where s.run_id = ${ref.runId} and s.step_id = ${ref.stepId}`);
    if (row?.status === 'completed') return { state: 'done', output: row.output };
    return { state: 'gone', status: row ? `${row.status} (run ${row.run_status})` : 'missing' };
  });
}

export async function markFinished(
  db: Db,
  ref: StepRef,
  status: 'completed' | 'failed' | 'skipped',
  fields: { output?: unknown; error?: Record<string, unknown>; reason?: string | null; within?: (tx: Tx) => Promise<void> },
): Promise<void> {
  await withCompany(db, ref.companyId, async (tx) => {
    await fields.within?.(tx);
    await tx.execute(sql`
      update workflow_run_steps set status = ${status}, finished_at = now(), updated_at = now(),
        output = coalesce(${fields.output === undefined ? null : JSON.stringify(fields.output)}::jsonb, output),
        error = ${fields.error ? JSON.stringify(fields.error) : null}::jsonb,
        status_reason = ${fields.reason ?? null}
      where run_id = ${ref.runId} and step_id = ${ref.stepId} and status in ('pending', 'running')`);
  });
}

/**
 * A retriable attempt failed and the engine will try again: the step stays running, and says so (with the error),
 * so a watcher sees "retrying" rather than plain running. The announce trigger only fires on a status or attempts
 * change, so this one is announced here, in the same transaction, with the row's fresh change sequence.
 */
export async function markRetrying(db: Db, ref: StepRef, error: { name: string; message: string; stack?: string }): Promise<void> {
  await withCompany(db, ref.companyId, async (tx) => {
    const [row] = await tx.execute<{ attempts: number; change_seq: number; status_reason: string }>(sql`
      update workflow_run_steps set status_reason = 'retrying after attempt ' || attempts || ' failed: ' || ${error.message.slice(0, 300)},
        error = ${JSON.stringify(error)}::jsonb, updated_at = now()
      where run_id = ${ref.runId} and step_id = ${ref.stepId} and status = 'running'
      returning attempts, change_seq, status_reason`);
    if (!row) return;
    await tx.execute(sql`select pg_notify(${RUN_CHANGE_CHANNEL}, ${runStepChangePayload({
      companyId: ref.companyId, runId: ref.runId, stepId: ref.stepId, status: 'running', attempts: row.attempts, reason: row.status_reason, seq: Number(row.change_seq),
    })})`);
  });
}

export async function setRunStatus(tx: Tx, _companyId: string, runId: string, status: 'running' | 'waiting' | 'completed' | 'failed', error?: Record<string, unknown>): Promise<void> {
  const terminal = status === 'completed' || status === 'failed';
  await tx.execute(sql`
    update workflow_runs set status = ${status},
      started_at = coalesce(started_at, now()),
      finished_at = ${terminal ? sql`now()` : sql`finished_at`},
      error = coalesce(${error ? JSON.stringify(error) : null}::jsonb, error)
    where id = ${runId} and status not in ('completed', 'failed', 'cancelled')`);
}
