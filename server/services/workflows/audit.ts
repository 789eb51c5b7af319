import { workflowAuditLog } from '../../../drizzle/schema/index.ts';
import type { Tx } from '../../db/client.ts';

export interface AuditEntry {
  companyId: string;
  /** Null for entries about a person rather than a workflow (a delegation). */
  workflowId: string | null;
  actorUserId: string | null;
  action:
    | 'created' | 'updated' | 'graph_saved' | 'published' | 'enabled' | 'disabled' | 'deleted' | 'run_started' | 'run_cancelled'
    | 'gate_resolved' | 'gate_vote' | 'gate_level_approved' | 'gate_reminder' | 'gate_escalated' | 'gate_timed_out' | 'gate_skipped'
    | 'delegation_set' | 'delegation_cleared';
  fromRevision?: number | null;
  toRevision?: number | null;
  detail?: Record<string, unknown>;
  /** Written by a durable step that may run again after a crash: the entry is written once per key. */
  dedupeKey?: string;
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
    dedupeKey: entry.dedupeKey ?? null,
  }).onConflictDoNothing();
}
