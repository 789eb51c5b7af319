/**
 * A run's recorded transitions (workflow_run_step_events, appended by the change triggers), oldest first, for the
 * run view's replay slider. step_id '' is the run's own status.
 */
import { asc, eq } from 'drizzle-orm';
import { workflowRunStepEvents, workflowRuns } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';

export interface RunTransition {
  seq: number;
  stepId: string;
  status: string;
  reason: string | null;
  attempts: number;
  at: string;
}

export async function runHistory(tx: Tx, runId: string): Promise<{ runId: string; workflowId: string; workflowVersionId: string; createdAt: string; transitions: RunTransition[] }> {
  const [run] = await tx.select({ id: workflowRuns.id, workflowId: workflowRuns.workflowId, workflowVersionId: workflowRuns.workflowVersionId, createdAt: workflowRuns.createdAt }).from(workflowRuns).where(eq(workflowRuns.id, runId));
  if (!run) throw new AppError('NOT_FOUND', 'Run not found');
  const rows = await tx.select().from(workflowRunStepEvents).where(eq(workflowRunStepEvents.runId, runId)).orderBy(asc(workflowRunStepEvents.seq));
  return {
    runId: run.id,
    workflowId: run.workflowId,
    workflowVersionId: run.workflowVersionId,
    createdAt: run.createdAt.toISOString(),
    transitions: rows.map((r) => ({ seq: r.seq, stepId: r.stepId, status: r.status, reason: r.statusReason, attempts: r.attempts, at: r.at.toISOString() })),
  };
}
