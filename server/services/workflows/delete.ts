import { eq } from 'drizzle-orm';
import { workflows } from '../../../drizzle/schema/index.ts';
import type { Tx } from '../../db/client.ts';
import { audit } from './audit.ts';
import { loadWorkflow } from './load.ts';

export async function deleteWorkflow(tx: Tx, userId: string, id: string): Promise<void> {
  const wf = await loadWorkflow(tx, id, { forUpdate: true });
  await tx.delete(workflows).where(eq(workflows.id, id));
  await audit(tx, { companyId: wf.companyId, workflowId: id, actorUserId: userId, action: 'deleted', fromRevision: wf.revision, detail: { name: wf.name } });
}
