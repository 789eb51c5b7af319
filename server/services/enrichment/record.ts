/**
 * Turning one product's skill answers into suggestions (DOMAIN.md F4 steps 4–6): validate each, compute the final
 * confidence, decide, store (unique per job/product/attribute/channel/locale, so a retried step adds nothing), write
 * auto-approved values through the catalog's one write path as the enrichment actor, and close the product's item.
 * Returns the `product/field.changed` events to send; their ids come from the history rows, so resending is harmless.
 */
import { makeEvent, productFieldChanged } from '../../../shared/events/index.ts';
import { sql } from 'drizzle-orm';
import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { updateProductField } from '../products/update-field.ts';
import { decide, finalConfidence } from './confidence.ts';
import type { BatchContext, ProductContext } from './context.ts';
import { heartbeat } from './jobs.ts';
import { validateSuggestion, type EvidenceQuote, type ValidationNote } from './validate.ts';

export type GroupOutcome =
  | { skill: string; fields: string[]; ok: true; output: Record<string, unknown>; model: string }
  | { skill: string; fields: string[]; ok: false; error: string };

interface Draft {
  attribute: string;
  raw: unknown;
  modelConfidence: number;
  rationale: string;
  evidence: EvidenceQuote[];
  model: string;
}

/** The model's answer as one draft per field (copy skills answer one field; extraction answers many). */
export function draftsOf(outcome: Extract<GroupOutcome, { ok: true }>): Draft[] {
  const o = outcome.output;
  const evidence = (list: unknown): EvidenceQuote[] =>
    Array.isArray(list) ? list.map((e) => (typeof e === 'string' ? { sourceField: 'source', quote: e } : { sourceField: String((e as EvidenceQuote).sourceField ?? 'source'), quote: String((e as EvidenceQuote).quote ?? '') })) : [];
  if (outcome.skill === 'extract_attributes') {
    const fields = (o.fields ?? {}) as Record<string, { value: unknown; confidence: number; evidence: unknown }>;
    return outcome.fields.flatMap((f) => {
      const a = fields[f];
      if (!a || a.value === null || a.value === undefined || a.value === '') return [];
      return [{ attribute: f, raw: a.value, modelConfidence: Number(a.confidence) || 0, rationale: '', evidence: evidence(a.evidence), model: outcome.model }];
    });
  }
  const field = outcome.fields[0]!;
  const raw = field === 'bullets' ? o.bullets : field === 'title' ? o.title : o.description;
  return [{ attribute: field, raw, modelConfidence: Number(o.confidence) || 0, rationale: String(o.rationale ?? ''), evidence: evidence(o.evidence), model: outcome.model }];
}

export interface RecordResult {
  suggestions: number;
  autoApproved: number;
  pending: number;
  failed: boolean;
  events: CatalogEvent[];
}

export async function recordProduct(tx: Tx, companyId: string, ctx: BatchContext, product: ProductContext, outcomes: GroupOutcome[], now: Date): Promise<RecordResult> {
  const result: RecordResult = { suggestions: 0, autoApproved: 0, pending: 0, failed: false, events: [] };
  for (const outcome of outcomes) {
    if (!outcome.ok) continue;
    for (const d of draftsOf(outcome)) {
      const attr = ctx.attributes[d.attribute];
      if (!attr) continue;
      const channel = ctx.retailer && attr.scopable ? ctx.retailer : '';
      const v = validateSuggestion({ attribute: attr, raw: d.raw, evidence: d.evidence, rules: product.rules.map((r) => r.rules), brand: product.brand, gtin: product.gtin, sourceText: product.source });
      const current = product.current[d.attribute] ?? null;
      if (v.value !== null && isDeepStrictEqual(v.value, current)) continue; // nothing to change: not a suggestion
      const confidence = finalConfidence(d.modelConfidence, v);
      const notes: ValidationNote[] = v.notes;
      const decision = v.value === null ? 'pending' : decide(d.attribute, confidence, v.errors, ctx.settings);
      const inserted = await tx.execute<{ id: string }>(sql`
        insert into enrichment_suggestions (company_id, job_id, product_id, attribute_code, channel_code, locale, current_value, suggested_value,
          model_confidence, confidence, model, rationale, evidence, validation, status, created_at)
        values (${companyId}, ${ctx.jobId}, ${product.id}, ${d.attribute}, ${channel}, 'en_US', ${json(current)}::jsonb, ${JSON.stringify(v.value ?? d.raw)}::jsonb,
          ${round2(d.modelConfidence)}, ${confidence}, ${d.model}, ${d.rationale}, ${JSON.stringify(v.evidence)}::jsonb, ${JSON.stringify(notes)}::jsonb, ${decision}, ${now.toISOString()}::timestamptz)
        on conflict (job_id, product_id, attribute_code, channel_code, locale) do nothing returning id`);
      const [row] = inserted.length ? [{ id: inserted[0]!.id, status: decision }] : await tx.execute<{ id: string; status: string }>(sql`
        select id, status from enrichment_suggestions where job_id = ${ctx.jobId} and product_id = ${product.id} and attribute_code = ${d.attribute} and channel_code = ${channel} and locale = 'en_US'`);
      result.suggestions++;
      if (row!.status === 'auto_approved') {
        const event = await applyValue(tx, { companyId, productId: product.id, attribute: d.attribute, channel, value: v.value, actor: { type: 'enrichment', id: ctx.jobId }, originRunId: ctx.workflowRunId });
        if (event === 'refused') {
          await tx.execute(sql`update enrichment_suggestions set status = 'pending', validation = validation || ${JSON.stringify([{ rule: 'WRITE_REFUSED', severity: 'error', message: 'The catalog refused the value' }])}::jsonb where id = ${row!.id}`);
          result.pending++;
        } else {
          if (event) result.events.push(event);
          result.autoApproved++;
        }
      } else if (row!.status === 'pending') result.pending++;
    }
  }
  const errors = outcomes.filter((o): o is Extract<GroupOutcome, { ok: false }> => !o.ok);
  result.failed = errors.length > 0;
  await tx.execute(sql`
    update enrichment_job_items set status = ${result.failed ? 'failed' : 'completed'}, attempts = attempts + 1,
      error = ${result.failed ? errors.map((e) => `${e.skill}: ${e.error}`).join('; ').slice(0, 2000) : null}, updated_at = ${now.toISOString()}::timestamptz
    where job_id = ${ctx.jobId} and product_id = ${product.id}`);
  await heartbeat(tx, ctx.jobId, now);
  return result;
}

/**
 * Writes a value through the catalog write path. Unchanged because this actor already wrote it (a retry): the
 * history row it wrote gives the same event id again. Returns 'refused' when the catalog rejects the value.
 */
export async function applyValue(
  tx: Tx,
  input: { companyId: string; productId: string; attribute: string; channel: string; value: unknown; actor: { type: 'enrichment' | 'user'; id: string }; originRunId: string | null },
): Promise<CatalogEvent | null | 'refused'> {
  try {
    const res = await updateProductField(tx, { ...input, originRunId: input.originRunId });
    if (res.event) return res.event;
  } catch (err) {
    if (err instanceof AppError && err.code === 'INVALID_INPUT') return 'refused';
    throw err;
  }
  const [mine] = await tx.execute<{ id: number; changed_at: string; old_value: unknown; new_value: unknown }>(sql`
    select id, changed_at, old_value, new_value from product_field_history where product_id = ${input.productId} and attribute_code = ${input.attribute}
      and channel_code = ${input.channel} and actor_type = ${input.actor.type} and actor_id = ${input.actor.id} order by id desc limit 1`);
  if (!mine) return null;
  return makeEvent(productFieldChanged, `field:${mine.id}`, {
    companyId: input.companyId, productId: input.productId,
    changes: [{ attribute: input.attribute, channel: input.channel || null, locale: 'en_US', old: mine.old_value, new: mine.new_value }],
    actor: input.actor, ...(input.originRunId ? { originRunId: input.originRunId } : {}), changedAt: new Date(mine.changed_at).toISOString(),
  });
}

function round2(n: number): number {
  return Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;
}

function json(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}
