/**
 * The one write path for a product field, used by people (products.updateField) and workflows (the
 * update_product_field step): checks the value against the attribute, writes it, appends history naming the actor and
 * the run it came from, refreshes completeness, and hands back the `product/field.changed` event to send after commit.
 * Writing the value it already has changes nothing and returns no event.
 */
import { makeEvent, productFieldChanged } from '../../../shared/events/index.ts';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import { gtinMessage, gtinProblem, normalizeGtin } from '../../../shared/catalog/gtin.ts';
import { checkValue, type AttributeValidation } from '../../../shared/catalog/values.ts';
import { isColumnAttribute, type ActorType, type AttributeType, type ValueSource } from '../../../shared/catalog/vocab.ts';
import type { Tx } from '../../db/client.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { recomputeCompleteness } from '../catalog/completeness.ts';

export interface UpdateFieldInput {
  companyId: string;
  productId: string;
  attribute: string;
  /** '' for the global value, or a retailer code for a scoped value. */
  channel: string;
  /** The new value in the attribute's shape, or null to clear it. */
  value: unknown;
  actor: { type: ActorType; id: string };
  originRunId?: string | null;
  /** Refuse the write when the product changed since the editor loaded it. */
  expectedVersion?: number;
}

export interface UpdateFieldResult {
  changed: boolean;
  version: number;
  historyId: number | null;
  event: CatalogEvent | null;
}

const SOURCE_BY_ACTOR = { user: 'manual', workflow: 'workflow', enrichment: 'ai', import: 'import', system: 'manual' } as const satisfies Record<ActorType, ValueSource>;

export async function updateProductField(tx: Tx, input: UpdateFieldInput): Promise<UpdateFieldResult> {
  const [product] = await tx.execute<{ id: string; version: number; category_id: string; brand: string; gtin: string | null }>(sql`
    select id, version, category_id, brand, gtin from products where id = ${input.productId} for update`);
  if (!product) throw new AppError('NOT_FOUND', 'Product not found');
  if (input.expectedVersion !== undefined && input.expectedVersion !== product.version) {
    throw new AppError('CONFLICT', 'This product changed since you opened it; reload to see the latest values', { version: product.version });
  }
  const [attr] = await tx.execute<{ code: string; label: string; type: AttributeType; validation: AttributeValidation; scopable: boolean; in_category: boolean }>(sql`
    select a.code, a.label, a.type, a.validation, a.scopable,
           exists (select 1 from category_attributes ca where ca.category_id = ${product.category_id} and ca.attribute_code = a.code) as in_category
    from attributes a where a.code = ${input.attribute}`);
  if (!attr || !attr.in_category) throw new AppError('INVALID_INPUT', `"${input.attribute}" is not an attribute of this product's category`, { field: 'attribute' });
  if (input.channel !== '') {
    if (!attr.scopable || isColumnAttribute(attr.code)) throw new AppError('INVALID_INPUT', `${attr.label} has no per-retailer values`, { field: 'channel' });
    const [r] = await tx.execute(sql`select 1 from retailers where code = ${input.channel}`);
    if (!r) throw new AppError('INVALID_INPUT', `No retailer "${input.channel}"`, { field: 'channel' });
  }
  let next: unknown = null;
  if (input.value !== null) {
    const checked = checkValue({ code: attr.code, label: attr.label, type: attr.type, validation: attr.validation }, input.value);
    if (!checked.ok) throw new AppError('INVALID_INPUT', `${attr.label}: ${checked.message}`, { field: 'value' });
    next = checked.value;
  }

  let previous: unknown;
  if (isColumnAttribute(attr.code)) {
    previous = writeColumnPrevious(attr.code, product);
    const text = next === null ? null : (next as { text: string }).text.trim();
    if (attr.code === 'gtin' && text) {
      const problem = gtinProblem(text);
      if (problem) throw new AppError('INVALID_INPUT', gtinMessage(problem, text), { field: 'value' });
      next = { text: normalizeGtin(text) };
    } else {
      next = text ? { text } : null;
    }
    if (isDeepStrictEqual(previous, next)) return { changed: false, version: product.version, historyId: null, event: null };
    const stored = next === null ? null : (next as { text: string }).text;
    if (attr.code === 'brand') await tx.execute(sql`update products set brand = ${stored ?? ''} where id = ${product.id}`);
    else await tx.execute(sql`update products set gtin = ${stored} where id = ${product.id}`);
  } else {
    const [old] = await tx.execute<{ value: unknown }>(sql`
      select value from product_values where product_id = ${product.id} and attribute_code = ${attr.code} and channel_code = ${input.channel} and locale = 'en_US' for update`);
    previous = old?.value ?? null;
    if (isDeepStrictEqual(previous, next)) return { changed: false, version: product.version, historyId: null, event: null };
    const updatedBy = input.actor.type === 'user' ? input.actor.id : null;
    if (next === null) {
      await tx.execute(sql`delete from product_values where product_id = ${product.id} and attribute_code = ${attr.code} and channel_code = ${input.channel} and locale = 'en_US'`);
    } else {
      await tx.execute(sql`
        insert into product_values (company_id, product_id, attribute_code, channel_code, locale, value, source, updated_by, updated_at)
        values (${input.companyId}, ${product.id}, ${attr.code}, ${input.channel}, 'en_US', ${JSON.stringify(next)}::jsonb, ${SOURCE_BY_ACTOR[input.actor.type]}, ${updatedBy}, now())
        on conflict (product_id, attribute_code, channel_code, locale)
        do update set value = excluded.value, source = excluded.source, updated_by = excluded.updated_by, updated_at = now()`);
    }
  }
  const [bumped] = await tx.execute<{ version: number }>(sql`update products set version = version + 1, updated_at = now() where id = ${product.id} returning version`);
  const [history] = await tx.execute<{ id: number; changed_at: string }>(sql`
    insert into product_field_history (company_id, product_id, attribute_code, channel_code, locale, old_value, new_value, actor_type, actor_id, origin_run_id)
    values (${input.companyId}, ${product.id}, ${attr.code}, ${input.channel}, 'en_US', ${json(previous)}::jsonb, ${json(next)}::jsonb,
            ${input.actor.type}, ${input.actor.id}, ${input.originRunId ?? null})
    returning id, changed_at`);
  await recomputeCompleteness(tx, input.companyId, [product.id]);
  const historyId = Number(history!.id);
  return {
    changed: true,
    version: bumped!.version,
    historyId,
    event: makeEvent(productFieldChanged, `field:${historyId}`, {
      companyId: input.companyId,
      productId: product.id,
      changes: [{ attribute: attr.code, channel: input.channel || null, locale: 'en_US', old: previous, new: next }],
      actor: input.actor,
      ...(input.originRunId ? { originRunId: input.originRunId } : {}),
      changedAt: new Date(history!.changed_at).toISOString(),
    }),
  };
}

function writeColumnPrevious(code: 'brand' | 'gtin', p: { brand: string; gtin: string | null }): unknown {
  const v = code === 'brand' ? p.brand : p.gtin;
  return v ? { text: v } : null;
}

function json(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}
