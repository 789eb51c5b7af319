/**
 * The company's workflows for the list page, each with what an operator scans for: its last run (status and when)
 * and its runs and failures over the last 7 days. One statement: two LATERAL subqueries per workflow, each an
 * index range on workflow_runs (workflow_id, created_at), so the cost grows with the workflows and the week's runs,
 * never with the whole history, and there is no query per row.
 */
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { workflowRuns, workflowSteps, workflowVersions, workflows } from '../../../drizzle/schema/index.ts';
import type { RunStatus } from '../../../shared/runs/status.ts';
import type { Tx } from '../../db/client.ts';

/** The window "runs" and "failures" count over. */
export const RECENT_DAYS = 7;

export async function listWorkflows(tx: Tx) {
  const stepCounts = tx
    .select({ workflowId: workflowSteps.workflowId, n: sql<number>`count(*)::int`.as('n') })
    .from(workflowSteps)
    .groupBy(workflowSteps.workflowId)
    .as('step_counts');
  const lastRun = tx
    .select({
      id: sql<string>`${workflowRuns.id}`.as('last_run_id'),
      status: sql<RunStatus>`${workflowRuns.status}`.as('last_run_status'),
      // When it last did something: finished, else started, else was created (a pending run).
      at: sql<string>`coalesce(${workflowRuns.finishedAt}, ${workflowRuns.startedAt}, ${workflowRuns.createdAt})`.as('last_run_at'),
    })
    .from(workflowRuns)
    .where(eq(workflowRuns.workflowId, workflows.id))
    .orderBy(desc(workflowRuns.createdAt), desc(workflowRuns.id))
    .limit(1)
    .as('last_run');
  const recent = tx
    .select({
      runs: sql<number>`count(*)::int`.as('runs_7d'),
      failures: sql<number>`(count(*) filter (where ${workflowRuns.status} = 'failed'))::int`.as('failures_7d'),
    })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.workflowId, workflows.id), gte(workflowRuns.createdAt, sql`now() - make_interval(days => ${RECENT_DAYS})`)))
    .as('recent');

  const rows = await tx
    .select({
      id: workflows.id,
      name: workflows.name,
      description: workflows.description,
      isEnabled: workflows.isEnabled,
      triggerConfig: workflows.triggerConfig,
      revision: workflows.revision,
      updatedAt: workflows.updatedAt,
      createdAt: workflows.createdAt,
      stepCount: sql<number>`coalesce(${stepCounts.n}, 0)`,
      publishedVersion: workflowVersions.version,
      lastRunId: lastRun.id,
      lastRunStatus: lastRun.status,
      lastRunAt: lastRun.at,
      runs7d: recent.runs,
      failures7d: recent.failures,
    })
    .from(workflows)
    .leftJoin(stepCounts, eq(stepCounts.workflowId, workflows.id))
    .leftJoin(workflowVersions, eq(workflowVersions.id, workflows.publishedVersionId))
    .leftJoinLateral(lastRun, sql`true`)
    .leftJoinLateral(recent, sql`true`)
    .orderBy(desc(workflows.updatedAt), workflows.id);
  // A timestamp read through raw SQL arrives as text; the list speaks ISO like every other date it carries.
  return rows.map((r) => ({ ...r, lastRunAt: r.lastRunAt == null ? null : new Date(r.lastRunAt).toISOString(), runs7d: r.runs7d ?? 0, failures7d: r.failures7d ?? 0 }));
}
