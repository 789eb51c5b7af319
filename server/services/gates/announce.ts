/**
 * A vote that leaves the gate waiting (one approval of two, or a level approved and the next one opened) changes no
 * step status, so the announce trigger stays silent and watchers would not see the level close until the whole gate
 * ends. This announces the gate's step on the live channel, in the vote's transaction (so only a committed vote is
 * heard), with a fresh change sequence so subscribers that drop stale changes take it; watchers then refetch.
 */
import { sql } from 'drizzle-orm';
import { RUN_CHANGE_CHANNEL, runStepChangePayload } from '../../../shared/live/run-step-change.ts';
import type { RunStepStatus } from '../../../shared/runs/status.ts';
import type { Tx } from '../../db/client.ts';

export async function announceGateVote(tx: Tx, companyId: string, taskId: string): Promise<void> {
  // The bump trigger gives the row the next change_seq; nothing a watcher reads changes but the sequence.
  const [row] = await tx.execute<{ run_id: string; step_id: string; status: RunStepStatus; attempts: number; status_reason: string | null; change_seq: number }>(sql`
    update workflow_run_steps s set updated_at = now()
    from tasks t where t.id = ${taskId} and s.run_id = t.run_id and s.step_id = t.step_id and s.status = 'running'
    returning s.run_id, s.step_id, s.status::text as status, s.attempts, s.status_reason, s.change_seq`);
  if (!row) return;
  await tx.execute(sql`select pg_notify(${RUN_CHANGE_CHANNEL}, ${runStepChangePayload({
    companyId, runId: row.run_id, stepId: row.step_id, status: row.status, attempts: row.attempts, reason: row.status_reason, seq: Number(row.change_seq),
  })})`);
}
