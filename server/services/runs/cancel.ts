import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';

/** Cancels a run that has not finished: what had not completed is skipped, open gates close. Idempotent. */
export async function cancelRun(tx: Tx, _companyId: string, runId: string): Promise<{ status: string; changed: boolean; workflowId: string }> {
  const [run] = await tx.execute<{ status: string; workflow_id: string }>(sql`select status, workflow_id from workflow_runs where id = ${runId} for update`);
  if (!run) throw new AppError('NOT_FOUND', 'Run not found');
  if (['completed', 'failed', 'cancelled'].includes(run.status)) return { status: run.status, changed: false, workflowId: run.workflow_id };
  await tx.execute(sql`update workflow_runs set status = 'cancelled', finished_at = now() where id = ${runId}`);
  await tx.execute(sql`
    update workflow_run_steps set status = 'skipped', status_reason = 'run cancelled', finished_at = now(), updated_at = now()
    where run_id = ${runId} and status in ('pending', 'running')`);
  await tx.execute(sql`update tasks set status = 'cancelled', updated_at = now() where run_id = ${runId} and type = 'human_gate' and status in ('open', 'in_progress')`);
  return { status: 'cancelled', changed: true, workflowId: run.workflow_id };
}
