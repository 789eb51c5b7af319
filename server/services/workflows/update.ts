import { eq, sql } from 'drizzle-orm';
import { workflows } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { TriggerConfig } from '../../../shared/workflows/trigger-config.ts';
import type { Tx } from '../../db/client.ts';
import { audit } from './audit.ts';
import { loadWorkflow } from './load.ts';

export interface UpdateWorkflowInput {
  id: string;
  expectedRevision: number;
  name?: string;
  description?: string;
  triggerConfig?: TriggerConfig;
}

/** Name, description and trigger are part of the draft: guarded by the revision like the graph itself. */
export async function updateWorkflow(tx: Tx, userId: string, input: UpdateWorkflowInput) {
  const wf = await loadWorkflow(tx, input.id, { forUpdate: true });
  if (wf.revision !== input.expectedRevision) {
    throw new AppError('CONFLICT', 'Someone else changed this workflow first', { currentRevision: wf.revision });
  }
  const [row] = await tx
    .update(workflows)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.triggerConfig !== undefined ? { triggerConfig: input.triggerConfig } : {}),
      revision: sql`${workflows.revision} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(workflows.id, wf.id))
    .returning();
  await audit(tx, {
    companyId: wf.companyId, workflowId: wf.id, actorUserId: userId, action: 'updated',
    fromRevision: wf.revision, toRevision: row!.revision,
    detail: { fields: Object.keys(input).filter((k) => k !== 'id' && k !== 'expectedRevision') },
  });
  return row!;
}
