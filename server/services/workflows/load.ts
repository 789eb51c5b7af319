import { eq } from 'drizzle-orm';
import { workflows } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';

export type WorkflowRow = typeof workflows.$inferSelect;

/** Loads a workflow of the current company (RLS hides the others), optionally locking it for an update. */
export async function loadWorkflow(tx: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<WorkflowRow> {
  const query = tx.select().from(workflows).where(eq(workflows.id, id)).limit(1);
  const rows = opts.forUpdate ? await query.for('update') : await query;
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'Workflow not found');
  return row;
}
