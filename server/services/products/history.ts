/** A product's field history, newest first, with each actor named (person, workflow and run, import, …). */
import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import type { ActorType } from '../../../shared/catalog/vocab.ts';
import type { Tx } from '../../db/client.ts';

export async function productHistory(tx: Tx, productId: string, limit: number) {
  const [exists] = await tx.execute(sql`select 1 from products where id = ${productId}`);
  if (!exists) throw new AppError('NOT_FOUND', 'Product not found');
  const rows = await tx.execute<{ id: string; attribute_code: string; label: string | null; channel_code: string; old_value: unknown; new_value: unknown; actor_type: ActorType; actor_id: string | null; actor_name: string | null; origin_run_id: string | null; workflow_id: string | null; workflow_name: string | null; changed_at: string }>(sql`
    select h.id, h.attribute_code, a.label, h.channel_code, h.old_value, h.new_value, h.actor_type, h.actor_id, h.origin_run_id, h.changed_at,
      case h.actor_type
        when 'user' then (select u.name from users u where u.id::text = h.actor_id)
        when 'import' then (select b.filename from import_batches b where b.id::text = h.actor_id)
        else null end as actor_name,
      r.workflow_id, w.name as workflow_name
    from product_field_history h
    left join attributes a on a.code = h.attribute_code
    left join workflow_runs r on r.id = h.origin_run_id
    left join workflows w on w.id = r.workflow_id
    where h.product_id = ${productId}
    order by h.id desc limit ${limit}`);
  return rows.map((r) => ({
    id: Number(r.id),
    attribute: r.attribute_code,
    label: r.label ?? r.attribute_code,
    channel: r.channel_code,
    old: r.old_value,
    new: r.new_value,
    actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name ?? r.workflow_name ?? null },
    run: r.origin_run_id ? { id: r.origin_run_id, workflowId: r.workflow_id, workflowName: r.workflow_name } : null,
    changedAt: new Date(r.changed_at).toISOString(),
  }));
}

/** Runs started for this product (their trigger payload names it), newest first. */
export async function productRuns(tx: Tx, productId: string, limit: number) {
  const rows = await tx.execute<{ id: string; workflow_id: string; workflow_name: string; status: string; trigger_type: string; created_at: string; finished_at: string | null }>(sql`
    select r.id, r.workflow_id, w.name as workflow_name, r.status::text, r.trigger_type, r.created_at, r.finished_at
    from workflow_runs r join workflows w on w.id = r.workflow_id
    where r.trigger_payload->>'productId' = ${productId}
    order by r.created_at desc, r.id desc limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    workflowId: r.workflow_id,
    workflowName: r.workflow_name,
    status: r.status,
    triggerType: r.trigger_type,
    createdAt: new Date(r.created_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  }));
}
