import { and, asc, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { users, workflowRunSteps, workflowRuns, workflowVersions, workflows } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { RunStatus } from '../../../shared/runs/status.ts';
import type { Tx } from '../../db/client.ts';

export interface ListRunsFilter {
  workflowId?: string;
  status?: RunStatus;
  /** Keyset pagination: runs created before this instant. */
  before?: Date;
  /** The time filter: runs created at or after this instant. */
  after?: Date;
  limit: number;
}

export async function listRuns(tx: Tx, filter: ListRunsFilter) {
  const where: SQL[] = [];
  if (filter.workflowId) where.push(eq(workflowRuns.workflowId, filter.workflowId));
  if (filter.status) where.push(eq(workflowRuns.status, filter.status));
  if (filter.before) where.push(lt(workflowRuns.createdAt, filter.before));
  if (filter.after) where.push(gte(workflowRuns.createdAt, filter.after));
  return tx
    .select({
      id: workflowRuns.id,
      workflowId: workflowRuns.workflowId,
      workflowName: workflows.name,
      version: workflowVersions.version,
      status: workflowRuns.status,
      triggerType: workflowRuns.triggerType,
      createdAt: workflowRuns.createdAt,
      startedAt: workflowRuns.startedAt,
      finishedAt: workflowRuns.finishedAt,
      startedByName: users.name,
      /** Written by the demo seed's history, not by a trigger: the UI labels it "demo". */
      demo: workflowRuns.demo,
    })
    .from(workflowRuns)
    .innerJoin(workflows, eq(workflows.id, workflowRuns.workflowId))
    .innerJoin(workflowVersions, eq(workflowVersions.id, workflowRuns.workflowVersionId))
    .leftJoin(users, eq(users.id, workflowRuns.startedBy))
    .where(and(...where))
    .orderBy(desc(workflowRuns.createdAt), desc(workflowRuns.id))
    .limit(filter.limit);
}

export async function getRun(tx: Tx, id: string) {
  const [run] = await tx.select().from(workflowRuns).where(eq(workflowRuns.id, id));
  if (!run) throw new AppError('NOT_FOUND', 'Run not found');
  const [version] = await tx.select().from(workflowVersions).where(eq(workflowVersions.id, run.workflowVersionId));
  const steps = await tx.select().from(workflowRunSteps).where(eq(workflowRunSteps.runId, id)).orderBy(asc(workflowRunSteps.startedAt), asc(workflowRunSteps.stepId));
  return { run, version: version!, steps };
}
