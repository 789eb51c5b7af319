/**
 * Reviewing suggestions: the list a reviewer works from (grouped by product, live current value beside the
 * suggestion), and decisions. Accepting writes the value (as suggested, or as the reviewer edited it) through the
 * catalog's one write path as that person, so history and `product/field.changed` follow; a suggestion decides once —
 * a second decision is a CONFLICT, never a second write. Bulk decisions are all-or-nothing in one transaction.
 */
import { sql } from 'drizzle-orm';
import type { SuggestionStatus } from '../../../shared/ai/vocab.ts';
import { AppError } from '../../../shared/errors.ts';
import { checkValue, type AttributeValidation } from '../../../shared/catalog/values.ts';
import type { AttributeType } from '../../../shared/catalog/vocab.ts';
import type { Tx } from '../../db/client.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { loadAttributeDefs } from '../catalog/catalog-data.ts';
import { applyValue } from './record.ts';

export interface SuggestionRow {
  id: string;
  jobId: string;
  productId: string;
  sku: string;
  productTitle: string;
  attribute: string;
  attributeLabel: string;
  attributeType: AttributeType;
  /** The attribute's constraints, so an edit can be checked where it is typed. */
  attributeValidation: AttributeValidation;
  channel: string;
  currentValue: unknown;
  suggestedValue: unknown;
  modelConfidence: number;
  confidence: number;
  model: string;
  rationale: string;
  evidence: { sourceField: string; quote: string; found?: boolean }[];
  validation: { rule: string; severity: string; message: string }[];
  status: SuggestionStatus;
  createdAt: string;
}

export interface SuggestionFilter {
  status: SuggestionStatus;
  jobId?: string | undefined;
  productId?: string | undefined;
  limit: number;
}

export async function listSuggestions(tx: Tx, filter: SuggestionFilter): Promise<{ products: { productId: string; sku: string; title: string; suggestions: SuggestionRow[] }[]; total: number }> {
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select s.id, s.job_id, s.product_id, p.sku, coalesce(t.value->>'text', p.sku) as product_title, s.attribute_code, a.label, a.type, a.validation,
           s.channel_code, coalesce(live.value, s.current_value) as current_value, s.suggested_value, s.model_confidence::float8 as model_confidence,
           s.confidence::float8 as confidence, s.model, s.rationale, s.evidence, s.validation, s.status, s.created_at,
           count(*) over () as total
    from enrichment_suggestions s
    join products p on p.id = s.product_id
    left join attributes a on a.code = s.attribute_code
    left join product_values t on t.product_id = p.id and t.attribute_code = 'title' and t.channel_code = '' and t.locale = 'en_US'
    left join product_values live on live.product_id = s.product_id and live.attribute_code = s.attribute_code and live.channel_code = s.channel_code and live.locale = 'en_US'
    where s.status = ${filter.status}
      ${filter.jobId ? sql`and s.job_id = ${filter.jobId}` : sql``}
      ${filter.productId ? sql`and s.product_id = ${filter.productId}` : sql``}
    order by p.sku, s.attribute_code, s.created_at desc
    limit ${filter.limit}`);
  const byProduct = new Map<string, { productId: string; sku: string; title: string; suggestions: SuggestionRow[] }>();
  for (const r of rows) {
    const row: SuggestionRow = {
      id: r.id as string, jobId: r.job_id as string, productId: r.product_id as string, sku: r.sku as string, productTitle: r.product_title as string,
      attribute: r.attribute_code as string, attributeLabel: (r.label as string | null) ?? (r.attribute_code as string), attributeType: ((r.type as string | null) ?? 'text') as AttributeType, attributeValidation: (r.validation as AttributeValidation | null) ?? {},
      channel: r.channel_code as string, currentValue: r.current_value ?? null, suggestedValue: r.suggested_value, modelConfidence: Number(r.model_confidence),
      confidence: Number(r.confidence), model: r.model as string, rationale: r.rationale as string, evidence: r.evidence as SuggestionRow['evidence'],
      validation: r.validation as SuggestionRow['validation'], status: r.status as SuggestionStatus, createdAt: new Date(r.created_at as string).toISOString(),
    };
    const group = byProduct.get(row.productId) ?? { productId: row.productId, sku: row.sku, title: row.productTitle, suggestions: [] };
    group.suggestions.push(row);
    byProduct.set(row.productId, group);
  }
  return { products: [...byProduct.values()], total: rows.length ? Number(rows[0]!.total) : 0 };
}

export interface Decision {
  id: string;
  decision: 'accept' | 'reject';
  /** Accept with this value instead of the suggested one (the reviewer edited it). */
  value?: unknown;
}

export interface DecideResult {
  decided: { id: string; status: SuggestionStatus; changed: boolean }[];
  events: CatalogEvent[];
}

export async function decideSuggestions(tx: Tx, companyId: string, userId: string, decisions: Decision[], now: Date): Promise<DecideResult> {
  const ids = [...new Set(decisions.map((d) => d.id))];
  if (ids.length !== decisions.length) throw new AppError('INVALID_INPUT', 'A suggestion appears twice in one decision', { field: 'ids' });
  // Lock them all in a stable order first: two reviewers deciding overlapping sets never deadlock.
  const rows = await tx.execute<{ id: string; product_id: string; attribute_code: string; channel_code: string; suggested_value: unknown; status: SuggestionStatus; job_id: string }>(sql`
    select id, product_id, attribute_code, channel_code, suggested_value, status, job_id from enrichment_suggestions
    where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid) order by id for update`);
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new AppError('NOT_FOUND', missing.length === 1 ? 'Suggestion not found' : `${missing.length} suggestions not found`, { ids: missing });
  const decidedAlready = rows.filter((r) => r.status !== 'pending');
  if (decidedAlready.length) {
    throw new AppError('CONFLICT', decidedAlready.length === 1 ? `This suggestion was already decided (${decidedAlready[0]!.status.replace('_', ' ')})` : `${decidedAlready.length} of these suggestions were already decided`, {
      reason: 'ALREADY_DECIDED',
      ids: decidedAlready.map((r) => r.id),
    });
  }

  const defs = await loadAttributeDefs(tx);
  const result: DecideResult = { decided: [], events: [] };
  for (const d of decisions) {
    const s = found.get(d.id)!;
    if (d.decision === 'reject') {
      await tx.execute(sql`update enrichment_suggestions set status = 'rejected', reviewed_by = ${userId}, reviewed_at = ${now.toISOString()}::timestamptz where id = ${s.id}`);
      result.decided.push({ id: s.id, status: 'rejected', changed: false });
      continue;
    }
    let value = s.suggested_value;
    const edited = d.value !== undefined;
    if (edited) {
      const def = defs.get(s.attribute_code);
      if (!def) throw new AppError('INVALID_INPUT', `"${s.attribute_code}" is no longer an attribute`, { field: 'value' });
      const checked = checkValue(def, d.value);
      if (!checked.ok) throw new AppError('INVALID_INPUT', `${def.label}: ${checked.message}`, { field: 'value', id: s.id });
      value = checked.value;
    }
    const event = await applyValue(tx, { companyId, productId: s.product_id, attribute: s.attribute_code, channel: s.channel_code, value, actor: { type: 'user', id: userId }, originRunId: null });
    if (event === 'refused') throw new AppError('INVALID_INPUT', 'The catalog refused this value; edit it before accepting', { field: 'value', id: s.id });
    if (event) result.events.push(event);
    await tx.execute(sql`
      update enrichment_suggestions set status = 'applied', reviewed_by = ${userId}, reviewed_at = ${now.toISOString()}::timestamptz
        ${edited ? sql`, suggested_value = ${JSON.stringify(value)}::jsonb, validation = validation || ${JSON.stringify([{ rule: 'EDITED_BY_REVIEWER', severity: 'info', message: 'Edited before accepting', original: s.suggested_value }])}::jsonb` : sql``}
      where id = ${s.id}`);
    result.decided.push({ id: s.id, status: 'applied', changed: event !== null });
  }
  await closeReviewedTasks(tx, [...new Set(rows.map((r) => r.job_id))], userId, now);
  return result;
}

/** A job's review task is done once none of its suggestions waits for a decision. */
async function closeReviewedTasks(tx: Tx, jobIds: string[], userId: string, now: Date) {
  for (const jobId of jobIds) {
    const [left] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from enrichment_suggestions where job_id = ${jobId} and status = 'pending'`);
    if (left!.n > 0) continue;
    await tx.execute(sql`
      update tasks set status = 'done', resolved_at = ${now.toISOString()}::timestamptz, decided_by = ${userId}, decided_at = ${now.toISOString()}::timestamptz,
        updated_at = ${now.toISOString()}::timestamptz, last_activity_at = ${now.toISOString()}::timestamptz
      where type = 'enrichment_review' and source_type = 'enrichment_job' and source_id = ${jobId} and status not in ('done', 'cancelled', 'merged')`);
  }
}

