/**
 * Opening an `image_noncompliant` task for an asset (DOMAIN.md F14 step 5, F15 step 5). The dedupe key names the asset
 * and the reason, so a retried step finds the task it made; the caller sends `task/created` for a new one and the
 * orchestrator routes it (to the asset coordinator by the seeded rules).
 */
import { makeEvent, taskCreated } from '../../../shared/events/index.ts';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { taskEvent } from '../tasks/people.ts';

export interface ImageTaskInput {
  companyId: string;
  assetId: string;
  productId: string | null;
  retailerId: string | null;
  /** What this task is about (`validation`, `tags`, `wrong_image`): part of the dedupe key. */
  reason: string;
  title: string;
  description: string;
  /** Classifier detail: the rule code(s). */
  rule: string;
  raw: Record<string, unknown>;
  priority?: 'low' | 'medium' | 'high';
  now: Date;
}

/** Returns the task id and whether this call created it. */
export async function openImageTask(tx: Tx, t: ImageTaskInput): Promise<{ taskId: string; created: boolean }> {
  const dedupeKey = `asset:${t.assetId}:${t.reason}`;
  const at = t.now.toISOString();
  const inserted = await tx.execute<{ id: string }>(sql`
    insert into tasks (company_id, type, title, description, status, priority, product_id, retailer_id, source_type, source_id, raw, dedupe_key, created_at, updated_at, last_activity_at)
    values (${t.companyId}, 'image_noncompliant', ${t.title}, ${t.description}, 'new', ${t.priority ?? 'medium'}, ${t.productId}, ${t.retailerId}, 'asset', ${t.assetId},
            ${JSON.stringify({ ...t.raw, rule: t.rule, assetId: t.assetId })}::jsonb, ${dedupeKey}, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz)
    on conflict (company_id, dedupe_key) do nothing returning id`);
  if (inserted[0]) {
    await taskEvent(tx, t.companyId, inserted[0].id, 'created', { source: 'asset', assetId: t.assetId, reason: t.reason }, t.now);
    return { taskId: inserted[0].id, created: true };
  }
  const [existing] = await tx.execute<{ id: string }>(sql`select id from tasks where company_id = ${t.companyId} and dedupe_key = ${dedupeKey}`);
  return { taskId: existing!.id, created: false };
}

export const taskCreatedEvent = (companyId: string, taskId: string) => makeEvent(taskCreated, `task-created:${taskId}`, { companyId, taskId });
