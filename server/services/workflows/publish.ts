import { eq, sql } from 'drizzle-orm';
import { workflowVersions, workflows } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { validateDag } from '../../../shared/graph/validate.ts';
import type { Tx } from '../../db/client.ts';
import { audit } from './audit.ts';
import { policyIssues } from './draft-issues.ts';
import { loadDraftGraph } from './graph-rows.ts';
import { loadWorkflow } from './load.ts';

/**
 * Freezes the draft into the next immutable version, with the publisher's message (what changed, why). Publishing an
 * unchanged draft returns the existing version, message and all.
 */
export async function publishWorkflow(tx: Tx, userId: string, input: { id: string; expectedRevision: number; message?: string }) {
  const wf = await loadWorkflow(tx, input.id, { forUpdate: true });
  if (wf.revision !== input.expectedRevision) {
    throw new AppError('CONFLICT', 'The draft changed since you opened it; reload before publishing', { currentRevision: wf.revision });
  }
  const graph = await loadDraftGraph(tx, wf.id);
  const issues = validateDag(graph);
  if (issues.length) throw new AppError('INVALID_GRAPH', `Fix ${issues.length} issue(s) before publishing`, { issues });
  // Company policies: the offending steps are named with the policy, so the canvas can mark them.
  const broken = await policyIssues(tx, graph);
  if (broken.length) {
    throw new AppError('INVALID_GRAPH', `Breaks company approval policy: ${[...new Set(broken.map((b) => b.policyId))].join(', ')}`, { issues: broken });
  }

  if (wf.publishedVersionId) {
    const [current] = await tx.select().from(workflowVersions).where(eq(workflowVersions.id, wf.publishedVersionId));
    if (current && current.sourceRevision === wf.revision) return current;
  }
  const [next] = await tx
    .select({ n: sql<number>`coalesce(max(${workflowVersions.version}), 0)::int + 1` })
    .from(workflowVersions)
    .where(eq(workflowVersions.workflowId, wf.id));
  const [version] = await tx
    .insert(workflowVersions)
    .values({ companyId: wf.companyId, workflowId: wf.id, version: next!.n, graph, triggerConfig: wf.triggerConfig, sourceRevision: wf.revision, message: input.message?.trim() ?? '', createdBy: userId })
    .returning();
  await tx.update(workflows).set({ publishedVersionId: version!.id, updatedAt: sql`now()` }).where(eq(workflows.id, wf.id));
  await audit(tx, { companyId: wf.companyId, workflowId: wf.id, actorUserId: userId, action: 'published', fromRevision: wf.revision, toRevision: wf.revision, detail: { version: version!.version, ...(version!.message ? { message: version!.message } : {}) } });
  return version!;
}
