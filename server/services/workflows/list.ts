import { desc, eq, sql } from 'drizzle-orm';
import { workflowSteps, workflowVersions, workflows } from '../../../drizzle/schema/index.ts';
import type { Tx } from '../../db/client.ts';

export async function listWorkflows(tx: Tx) {
  const stepCounts = tx
    .select({ workflowId: workflowSteps.workflowId, n: sql<number>`count(*)::int`.as('n') })
    .from(workflowSteps)
    .groupBy(workflowSteps.workflowId)
    .as('step_counts');
  return tx
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
    })
    .from(workflows)
    .leftJoin(stepCounts, eq(stepCounts.workflowId, workflows.id))
    .leftJoin(workflowVersions, eq(workflowVersions.id, workflows.publishedVersionId))
    .orderBy(desc(workflows.updatedAt), workflows.id);
}
