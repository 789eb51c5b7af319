/**
 * Where a change came from: the run that wrote it (origin_run_id) and how deep that run sits in a chain of runs
 * started by other runs' writes. Triggers use it for the loop guard and the depth limit.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';

/** Runs started by runs started by runs…: beyond this, a trigger refuses to start another (DOMAIN.md F1 guards). */
export const MAX_TRIGGER_DEPTH = 3;

export async function originRuns(tx: Tx, runIds: (string | null | undefined)[]): Promise<Map<string, { workflowId: string; depth: number }>> {
  const ids = [...new Set(runIds.filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) return new Map();
  const rows = await tx.execute<{ id: string; workflow_id: string; depth: number | null }>(sql`
    select id, workflow_id, (trigger_payload->>'depth')::int as depth from workflow_runs
    where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`);
  return new Map(rows.map((r) => [r.id, { workflowId: r.workflow_id, depth: r.depth ?? 0 }]));
}
