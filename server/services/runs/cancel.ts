/**
 * The one way a workflow run is cancelled. In one transaction: the run row, its unfinished run steps and its open
 * gate tasks; then (after commit) the engine run, through the internal `workflow/run.cancelled` event. When the
 * engine cancels first (its own cancellation, or an event from code older than this), `workflow-run-cancelled`
 * calls `cancelRunForEngine`, so the rows always follow the engine.
 */
import { sql } from 'drizzle-orm';
import { makeEvent, workflowRunCancelled, type CatalogEvent } from '../../../shared/events/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import { audit } from '../workflows/audit.ts';

export interface CancelResult {
  status: string;
  changed: boolean;
  workflowId: string;
  /** The engine's cancellation, to send after commit (null when nothing changed). */
  event: CatalogEvent | null;
}

/** Idempotent: a finished run is left as it is. `by` null means the engine or the reconciler. */
export async function cancelRun(tx: Tx, companyId: string, runId: string, by: { userId: string | null; reason: string }): Promise<CancelResult> {
  const [run] = await tx.execute<{ status: string; workflow_id: string }>(sql`select status, workflow_id from workflow_runs where id = ${runId} for update`);
  if (!run) throw new AppError('NOT_FOUND', 'Run not found');
  if (['completed', 'failed', 'cancelled'].includes(run.status)) return { status: run.status, changed: false, workflowId: run.workflow_id, event: null };
  await tx.execute(sql`update workflow_runs set status = 'cancelled', finished_at = now() where id = ${runId}`);
  await tx.execute(sql`
    update workflow_run_steps set status = 'skipped', status_reason = ${by.reason}, finished_at = now(), updated_at = now()
    where run_id = ${runId} and status in ('pending', 'running')`);
  await tx.execute(sql`update tasks set status = 'cancelled', updated_at = now() where run_id = ${runId} and type = 'human_gate' and status in ('open', 'in_progress') and decision is null`);
  await audit(tx, { companyId, workflowId: run.workflow_id, actorUserId: by.userId, action: 'run_cancelled', detail: { runId, reason: by.reason } });
  return {
    status: 'cancelled',
    changed: true,
    workflowId: run.workflow_id,
    event: makeEvent(workflowRunCancelled, `cancel:${runId}`, { companyId, workflowRunId: runId, cancelledBy: by.userId }),
  };
}

/** The engine cancelled the run: the rows follow (no event back: the engine run has already ended). */
export async function cancelRunForEngine(db: Db, companyId: string, runId: string, reason: string): Promise<{ changed: boolean }> {
  return withCompany(db, companyId, async (tx) => {
    const [exists] = await tx.execute<{ id: string }>(sql`select id from workflow_runs where id = ${runId}`);
    if (!exists) return { changed: false };
    const res = await cancelRun(tx, companyId, runId, { userId: null, reason });
    return { changed: res.changed };
  });
}
