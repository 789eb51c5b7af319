import { eq, sql } from 'drizzle-orm';
import { workflowAuditLog, workflows } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { structuralIssues, validateDag } from '../../../shared/graph/validate.ts';
import type { Tx } from '../../db/client.ts';
import { replaceDraftGraph } from '../workflows/graph-rows.ts';
import { loadWorkflow } from '../workflows/load.ts';
import { getVersion } from './queries.ts';

export interface RestoreVersionInput {
  workflowId: string;
  id: string;
  expectedRevision: number;
}

/**
 * Makes a published version the draft again: its graph and its trigger config replace the draft's, and the revision
 * moves on. Guarded like saveGraph (row lock, then the revision the caller started from; a stale one is CONFLICT
 * and writes nothing). The published version itself is untouched: the restored draft still has to be published.
 */
export async function restoreVersion(tx: Tx, userId: string, input: RestoreVersionInput) {
  const wf = await loadWorkflow(tx, input.workflowId, { forUpdate: true });
  if (wf.revision !== input.expectedRevision) {
    throw new AppError('CONFLICT', 'Someone else changed this workflow first', { currentRevision: wf.revision });
  }
  const version = await getVersion(tx, wf.id, input.id);
  // Versions were valid when published; an older snapshot must still be a well-formed graph to become the draft.
  const broken = structuralIssues(validateDag(version.graph));
  if (broken.length) throw new AppError('INVALID_GRAPH', broken[0]!.message, { issues: broken });

  await replaceDraftGraph(tx, wf.companyId, wf.id, version.graph);
  const [row] = await tx
    .update(workflows)
    .set({ triggerConfig: version.triggerConfig, revision: sql`${workflows.revision} + 1`, updatedAt: sql`now()` })
    .where(eq(workflows.id, wf.id))
    .returning({ revision: workflows.revision, updatedAt: workflows.updatedAt });
  // Written here rather than through workflows/audit.ts, whose action list belongs to the workflow services.
  await tx.insert(workflowAuditLog).values({
    companyId: wf.companyId,
    workflowId: wf.id,
    actorUserId: userId,
    action: 'version_restored',
    fromRevision: wf.revision,
    toRevision: row!.revision,
    detail: { version: version.version, versionId: version.id, steps: version.graph.steps.length, edges: version.graph.edges.length },
  });
  return { revision: row!.revision, updatedAt: row!.updatedAt, version: version.version, issues: validateDag(version.graph) };
}
