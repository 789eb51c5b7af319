import { eq, sql } from 'drizzle-orm';
import { workflows } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { structuralIssues, validateDag } from '../../../shared/graph/validate.ts';
import type { Tx } from '../../db/client.ts';
import { audit } from './audit.ts';
import { draftIssues } from './draft-issues.ts';
import { replaceDraftGraph } from './graph-rows.ts';
import { loadWorkflow } from './load.ts';

/**
 * Replaces the draft atomically. The row lock plus the revision check make concurrent saves from the same
 * revision serialise: the first wins, the second sees a newer revision and gets CONFLICT, writing nothing.
 */
export async function saveGraph(tx: Tx, userId: string, input: { id: string; expectedRevision: number; graph: Graph }) {
  const broken = structuralIssues(validateDag(input.graph));
  if (broken.length) throw new AppError('INVALID_GRAPH', broken[0]!.message, { issues: broken });
  const wf = await loadWorkflow(tx, input.id, { forUpdate: true });
  if (wf.revision !== input.expectedRevision) {
    throw new AppError('CONFLICT', 'Someone else saved this workflow first', { currentRevision: wf.revision });
  }
  await replaceDraftGraph(tx, wf.companyId, wf.id, input.graph);
  const [row] = await tx
    .update(workflows)
    .set({ revision: sql`${workflows.revision} + 1`, updatedAt: sql`now()` })
    .where(eq(workflows.id, wf.id))
    .returning({ revision: workflows.revision, updatedAt: workflows.updatedAt });
  await audit(tx, {
    companyId: wf.companyId, workflowId: wf.id, actorUserId: userId, action: 'graph_saved',
    fromRevision: wf.revision, toRevision: row!.revision,
    detail: { steps: input.graph.steps.length, edges: input.graph.edges.length },
  });
  return { revision: row!.revision, updatedAt: row!.updatedAt, issues: await draftIssues(tx, input.graph) };
}
