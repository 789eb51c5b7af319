/**
 * A vote that leaves the gate waiting (one approval of two, or a level approved and the next one opened) changes no
 * step status, so the announce trigger stays silent and watchers would not see the level close until the whole gate
 * ends. This announces the gate's step on the live channel, in the vote's transaction (so only a committed vote is
 * heard), with a fresh change sequence so subscribers that drop stale changes take it; watchers then refetch. The
 * step row itself is not written: its history (and the crash suite's audit of every write) holds transitions only.
 */
import { sql } from 'drizzle-orm';
import { RUN_CHANGE_CHANNEL, runStepChangePayload } from '../../../shared/live/run-step-change.ts';
import type { RunStepStatus } from '../../../shared/runs/status.ts';
import type { Tx } from '../../db/client.ts';

export async function announceGateVote(tx: Tx, companyId: string, taskId: string): Promise<void> {
  // A number from the rows' own sequence: later than any change so far, and every later change of the row is later.
  const [row] = await tx.execute<{ run_id: string; step_id: string; status: RunStepStatus; attempts: number; status_reason: string | null; change_seq: number }>(sql`
    select s.run_id, s.step_id, s.status::text as status, s.attempts, s.status_reason, nextval('run_change_seq') as change_seq
    from workflow_run_steps s join tasks t on s.run_id = t.run_id and s.step_id = t.step_id
    where t.id = ${taskId} and s.status = 'running'`);
  if (!row) return;
  await tx.execute(sql`select pg_notify(${RUN_CHANGE_CHANNEL}, ${runStepChangePayload({
    companyId, runId: row.run_id, stepId: row.step_id, status: row.status, attempts: row.attempts, reason: row.status_reason, seq: Number(row.change_seq),
  })})`);
}
