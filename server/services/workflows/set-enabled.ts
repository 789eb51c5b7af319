import { eq, sql } from 'drizzle-orm';
import { workflowVersions, workflows } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { validateDag } from '../../../shared/graph/validate.ts';
import type { Tx } from '../../db/client.ts';
import { audit } from './audit.ts';
import { loadWorkflow } from './load.ts';

/**
 * Enabling arms the trigger of the *published* version, so it needs one, and that version must be valid
 * (publishing guarantees it; checked again because a version outlives code changes to the validator).
 * Toggling is not a draft edit: it does not bump the revision, so it never conflicts with an open editor.
 */
export async function setWorkflowEnabled(tx: Tx, userId: string, id: string, enabled: boolean) {
  const wf = await loadWorkflow(tx, id, { forUpdate: true });
  if (enabled) {
    if (!wf.publishedVersionId) throw new AppError('PRECONDITION_FAILED', 'Publish the workflow before enabling it');
    const [version] = await tx.select().from(workflowVersions).where(eq(workflowVersions.id, wf.publishedVersionId));
    const issues = version ? validateDag(version.graph) : [];
    if (issues.length) throw new AppError('PRECONDITION_FAILED', `The published version has ${issues.length} issue(s)`, { issues });
  }
  if (wf.isEnabled === enabled) return wf;
  const [row] = await tx.update(workflows).set({ isEnabled: enabled, updatedAt: sql`now()` }).where(eq(workflows.id, id)).returning();
  await audit(tx, { companyId: wf.companyId, workflowId: id, actorUserId: userId, action: enabled ? 'enabled' : 'disabled' });
  return row!;
}
