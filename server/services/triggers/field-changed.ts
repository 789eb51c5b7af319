/**
 * Field-changed triggers (DOMAIN.md F3). The function is debounced per product, so it reads the product's history
 * since its watermark instead of trusting the one event it got: every change of the burst is in the run's payload.
 * Per workflow, changes that came from one of its own runs are dropped (the loop guard), as are chains deeper than
 * MAX_TRIGGER_DEPTH; one run per (workflow, burst) through trigger_ref, and the watermark moves in the same
 * transaction, so replaying the event starts nothing new.
 */
import { sql } from 'drizzle-orm';
import { celMatches } from '../../../shared/cel/evaluate.ts';
import type { TriggerConfig } from '../../../shared/workflows/trigger-config.ts';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { createRun } from '../runs/start.ts';
import { originRuns, MAX_TRIGGER_DEPTH } from './origin.ts';

export const FIELD_CHANGED_EVENT = 'product/field.changed';

interface HistoryRow {
  [key: string]: unknown;
  id: number;
  attribute_code: string;
  channel_code: string;
  locale: string;
  old_value: unknown;
  new_value: unknown;
  actor_type: string;
  actor_id: string | null;
  origin_run_id: string | null;
  changed_at: string;
}

export interface FieldChangedOutcome {
  events: CatalogEvent[];
  /** Why each candidate workflow did or did not start, for logs and tests. */
  decisions: { workflowId: string; started: boolean; reason: string }[];
}

export async function startFieldChangedRuns(db: Db, input: { companyId: string; productId: string }): Promise<FieldChangedOutcome> {
  return withCompany(db, input.companyId, async (tx) => {
    const [product] = await tx.execute<{ id: string; sku: string; category: string }>(sql`
      select p.id, p.sku, c.code as category from products p join categories c on c.id = p.category_id where p.id = ${input.productId}`);
    if (!product) return { events: [], decisions: [] };
    await tx.execute(sql`insert into product_trigger_watermarks (company_id, product_id) values (${input.companyId}, ${product.id}) on conflict (product_id) do nothing`);
    const [mark] = await tx.execute<{ last_history_id: number }>(sql`select last_history_id from product_trigger_watermarks where product_id = ${product.id} for update`);
    const pending = (await tx.execute<HistoryRow>(sql`
      select id, attribute_code, channel_code, locale, old_value, new_value, actor_type, actor_id, origin_run_id, changed_at from product_field_history
      where product_id = ${product.id} and id > ${mark!.last_history_id} order by id`)).map((r) => ({ ...r, id: Number(r.id) }));
    if (pending.length === 0) return { events: [], decisions: [] };
    const maxId = pending.at(-1)!.id;
    await tx.execute(sql`update product_trigger_watermarks set last_history_id = ${maxId}, updated_at = now() where product_id = ${product.id}`);
    const changes = pending.filter((r) => r.actor_type !== 'system');
    const origins = await originRuns(tx, changes.map((c) => c.origin_run_id));

    const workflows = await tx.execute<{ id: string; trigger_config: TriggerConfig }>(sql`
      select w.id, v.trigger_config from workflows w join workflow_versions v on v.id = w.published_version_id
      where w.is_enabled and v.trigger_config->>'type' = 'field_changed' order by w.id`);
    const out: FieldChangedOutcome = { events: [], decisions: [] };
    for (const wf of workflows) {
      const config = wf.trigger_config;
      if (config.type !== 'field_changed') continue;
      const decide = (started: boolean, reason: string) => out.decisions.push({ workflowId: wf.id, started, reason });
      if (config.categories?.length && !config.categories.includes(product.category)) {
        decide(false, `category ${product.category} not watched`);
        continue;
      }
      const watched = changes.filter((c) => config.fields.includes(c.attribute_code));
      const relevant = watched.filter((c) => !c.origin_run_id || origins.get(c.origin_run_id)?.workflowId !== wf.id);
      if (relevant.length === 0) {
        decide(false, watched.length ? 'only its own runs changed these fields (loop guard)' : 'no watched field changed');
        continue;
      }
      const depth = Math.max(0, ...relevant.map((c) => (c.origin_run_id ? (origins.get(c.origin_run_id)?.depth ?? 0) + 1 : 0)));
      if (depth > MAX_TRIGGER_DEPTH) {
        decide(false, `chain of runs deeper than ${MAX_TRIGGER_DEPTH}`);
        continue;
      }
      const originRunIds = [...new Set(relevant.map((c) => c.origin_run_id).filter((id): id is string => id !== null))];
      const payload = {
        companyId: input.companyId,
        productId: product.id,
        sku: product.sku,
        category: product.category,
        changes: relevant.map((c) => ({
          attribute: c.attribute_code, channel: c.channel_code || null, locale: c.locale, old: c.old_value, new: c.new_value,
          actor: { type: c.actor_type, id: c.actor_id }, originRunId: c.origin_run_id, historyId: c.id, changedAt: new Date(c.changed_at).toISOString(),
        })),
        historyIds: { from: pending[0]!.id, to: maxId },
        ...(originRunIds.length === 1 ? { originRunId: originRunIds[0] } : {}),
        depth,
      };
      if (!celMatches(config.filter, { event: { name: FIELD_CHANGED_EVENT, data: payload } })) {
        decide(false, 'filter did not pass');
        continue;
      }
      const run = await createRun(tx, {
        companyId: input.companyId, workflowId: wf.id, triggerType: 'event', triggerRef: `field:${product.id}:${maxId}`,
        payload, startedBy: null, eventName: FIELD_CHANGED_EVENT, requireEnabled: true,
      });
      out.events.push(run.event);
      decide(true, `${relevant.length} change(s): ${[...new Set(relevant.map((c) => c.attribute_code))].join(', ')}`);
    }
    return out;
  });
}
