import { workflowAuditLog } from '../../../drizzle/schema/index.ts';
import type { Tx } from '../../db/client.ts';

export interface AuditEntry {
  companyId: string;
  workflowId: string;
  actorUserId: string | null;
  action: 'created' | 'updated' | 'graph_saved' | 'published' | 'enabled' | 'disabled' | 'deleted' | 'run_started' | 'run_cancelled' | 'gate_resolved';
  fromRevision?: number | null;
  toRevision?: number | null;
  detail?: Record<string, unknown>;
}

export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(workflowAuditLog).values({
    companyId: entry.companyId,
    workflowId: entry.workflowId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    fromRevision: entry.fromRevision ?? null,
    toRevision: entry.toRevision ?? null,
    detail: entry.detail ?? {},
  });
}
