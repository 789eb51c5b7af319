import { and, desc, eq } from 'drizzle-orm';
import { users, workflowVersions } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';

/** Every version of a workflow, newest first, with who published it (null once that user is gone) and their message. */
export async function listVersions(tx: Tx, workflowId: string) {
  return tx
    .select({
      id: workflowVersions.id,
      version: workflowVersions.version,
      createdAt: workflowVersions.createdAt,
      createdBy: workflowVersions.createdBy,
      createdByName: users.name,
      message: workflowVersions.message,
      sourceRevision: workflowVersions.sourceRevision,
    })
    .from(workflowVersions)
    .leftJoin(users, eq(users.id, workflowVersions.createdBy))
    .where(eq(workflowVersions.workflowId, workflowId))
    .orderBy(desc(workflowVersions.version));
}

export async function getVersion(tx: Tx, workflowId: string, id: string) {
  const [row] = await tx
    .select({ version: workflowVersions, createdByName: users.name })
    .from(workflowVersions)
    .leftJoin(users, eq(users.id, workflowVersions.createdBy))
    .where(and(eq(workflowVersions.id, id), eq(workflowVersions.workflowId, workflowId)));
  if (!row) throw new AppError('NOT_FOUND', 'Version not found');
  return { ...row.version, createdByName: row.createdByName };
}
