import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { RunStatus, RunStepStatus } from '../../../shared/runs/status.ts';
import type { RunStepChange } from '../../../shared/live/run-step-change.ts';

/** The current state of one run as change records (run row + every step), for a subscriber that (re)connects. */
export async function runSnapshot(tx: Tx, companyId: string, runId: string): Promise<RunStepChange[]> {
  const rows = await tx.execute<{ step_id: string; status: RunStepStatus | 'run'; attempts: number | null; reason: string | null; seq: number; run_status: RunStatus | null; workflow_id: string | null }>(sql`
    select '' as step_id, 'run' as status, null::int as attempts, null as reason, change_seq as seq, status::text as run_status, workflow_id::text as workflow_id
      from workflow_runs where id = ${runId}
    union all
    select step_id, status::text, attempts, status_reason, change_seq, null, null from workflow_run_steps where run_id = ${runId}
    order by seq`);
  return rows.map((r) => ({
    companyId, runId, stepId: r.step_id, status: r.status, seq: Number(r.seq), attempts: r.attempts, reason: r.reason,
    ...(r.run_status ? { runStatus: r.run_status } : {}), ...(r.workflow_id ? { workflowId: r.workflow_id } : {}),
  }));
}

/** Run-level changes of a company after `afterSeq` (for the runs list feed catching up), oldest first. */
export async function runChangesSince(tx: Tx, companyId: string, afterSeq: number, limit = 500): Promise<RunStepChange[]> {
  const rows = await tx.execute<{ id: string; status: RunStatus; seq: number; workflow_id: string }>(sql`
    select id, status::text, change_seq as seq, workflow_id::text from workflow_runs where change_seq > ${afterSeq} order by change_seq limit ${limit}`);
  return rows.map((r) => ({ companyId, runId: r.id, stepId: '', status: 'run' as const, runStatus: r.status, workflowId: r.workflow_id, seq: Number(r.seq) }));
}
