import { and, desc, eq } from 'drizzle-orm';
import { workflowVersions } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';

export async function listVersions(tx: Tx, workflowId: string) {
  return tx
    .select({ id: workflowVersions.id, version: workflowVersions.version, createdAt: workflowVersions.createdAt, createdBy: workflowVersions.createdBy, sourceRevision: workflowVersions.sourceRevision })
    .from(workflowVersions)
    .where(eq(workflowVersions.workflowId, workflowId))
    .orderBy(desc(workflowVersions.version));
}

export async function getVersion(tx: Tx, workflowId: string, id: string) {
  const [row] = await tx.select().from(workflowVersions).where(and(eq(workflowVersions.id, id), eq(workflowVersions.workflowId, workflowId)));
  if (!row) throw new AppError('NOT_FOUND', 'Version not found');
  return row;
}
