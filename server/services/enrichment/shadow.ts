/**
 * Shadow enrichment (DOMAIN.md F6): the same skills run without writing product values or suggestions. Per product
 * and field it records the shadow value next to the current and the published one, their similarities, and a
 * fingerprint of key facts for the watchdog. Rows are unique per run/product/attribute/channel: a retried step
 * rewrites the same rows.
 */
import { sql } from 'drizzle-orm';
import { NonRetriableError } from 'inngest';
import type { Tx } from '../../db/client.ts';
import type { SkillCallResult } from '../ai/invocation.ts';
import { loadAttributeDefs, loadSpecs } from '../catalog/catalog-data.ts';
import { fingerprintOf, similarity, textOf } from './fingerprint.ts';
import { draftsOf, type GroupOutcome } from './record.ts';

export interface ShadowProduct {
  id: string;
  sku: string;
  brand: string;
  category: string;
  current: Record<string, unknown>;
  published: Record<string, unknown>;
  source: Record<string, string>;
  categoryAttributes: string[];
  /** The text rules the copy is written for, by retailer (the same input the pipeline's skills get). */
  rules: Record<string, unknown>;
  /** Definitions of the category's attributes, for extraction prompts. */
  attributes: Record<string, { code: string; label: string; type: string; options?: string[] }>;
}

export async function startShadowRun(tx: Tx, input: { companyId: string; shadowRunId: string; reason: string; skill: string; promptVersion: number | null }): Promise<void> {
  await tx.execute(sql`
    insert into enrichment_shadow_runs (id, company_id, reason, skill, prompt_version, status)
    values (${input.shadowRunId}, ${input.companyId}, ${input.reason}, ${input.skill}, ${input.promptVersion}, 'running')
    on conflict (id) do nothing`);
}

/**
 * Which products and retailer a shadow run covers: the ids it names, else (a scheduled baseline) every product with a
 * watched listing at the retailer — or at any retailer — capped at 200. A retailer code resolves to its id here.
 */
export async function shadowTarget(tx: Tx, input: { productIds?: string[]; retailerId?: string; retailer?: string }): Promise<{ productIds: string[]; retailerId: string | null }> {
  let retailerId = input.retailerId ?? null;
  if (!retailerId && input.retailer) {
    const [r] = await tx.execute<{ id: string }>(sql`select id from retailers where code = ${input.retailer}`);
    if (!r) throw new NonRetriableError(`no retailer "${input.retailer}"`);
    retailerId = r.id;
  }
  if (input.productIds) return { productIds: input.productIds.slice(0, 200), retailerId };
  const rows = await tx.execute<{ product_id: string }>(sql`
    select distinct l.product_id from listings l join products p on p.id = l.product_id
    where l.watch ${retailerId ? sql`and l.retailer_id = ${retailerId}` : sql``}
    order by l.product_id limit 200`);
  return { productIds: rows.map((r) => r.product_id), retailerId };
}

export async function loadShadowProducts(tx: Tx, productIds: string[], retailerId: string | null): Promise<{ products: ShadowProduct[]; retailer: string }> {
  const [r] = retailerId ? await tx.execute<{ code: string }>(sql`select code from retailers where id = ${retailerId}`) : [];
  const specs = await loadSpecs(tx);
  const defs = await loadAttributeDefs(tx);
  const rows = await tx.execute<{ id: string; sku: string; brand: string; category: string; category_id: string; attrs: string[]; published: Record<string, unknown> | null }>(sql`
    select p.id, p.sku, p.brand, c.code as category, p.category_id,
      coalesce((select array_agg(ca.attribute_code order by ca.sort) from category_attributes ca where ca.category_id = p.category_id), '{}') as attrs,
      (select l.published_content from listings l where l.product_id = p.id and l.published_content is not null
         ${retailerId ? sql`and l.retailer_id = ${retailerId}` : sql``} order by l.published_at desc nulls last limit 1) as published
    from products p join categories c on c.id = p.category_id
    where p.id in (select jsonb_array_elements_text(${JSON.stringify(productIds)}::jsonb)::uuid) order by p.sku`);
  const values = await tx.execute<{ product_id: string; attribute_code: string; value: unknown }>(sql`
    select product_id, attribute_code, value from product_values where channel_code = ''
      and product_id in (select jsonb_array_elements_text(${JSON.stringify(productIds)}::jsonb)::uuid)`);
  return {
    retailer: r?.code ?? '',
    products: rows.map((p) => {
      const current: Record<string, unknown> = {};
      for (const v of values) if (v.product_id === p.id) current[v.attribute_code] = v.value;
      const source: Record<string, string> = {};
      for (const [k, v] of Object.entries(current)) {
        const t = textOf(v);
        if (t.trim() && !['main_image', 'secondary_images', 'msrp'].includes(k)) source[k === 'title' ? 'supplier_title' : k === 'description' ? 'supplier_description' : k] = t;
      }
      const rules = Object.fromEntries(specs.filter((sp) => sp.categoryId === p.category_id && (!r || sp.retailerCode === r.code)).map((sp) => [sp.retailerCode, sp.textRules]));
      const attributes = Object.fromEntries(
        p.attrs.flatMap((code) => {
          const d = defs.get(code);
          return d ? [[code, { code, label: d.label, type: d.type, ...(d.validation.options ? { options: d.validation.options } : {}) }]] : [];
        }),
      );
      return { id: p.id, sku: p.sku, brand: p.brand, category: p.category, current, published: p.published ?? {}, source, categoryAttributes: p.attrs, rules: r ? (rules[r.code] as Record<string, unknown> | undefined) ?? {} : rules, attributes };
    }),
  };
}

export async function recordShadowProduct(
  tx: Tx,
  input: { companyId: string; shadowRunId: string; channel: string; product: ShadowProduct; outcomes: GroupOutcome[]; results: (SkillCallResult | null)[] },
): Promise<number> {
  let n = 0;
  for (const [i, outcome] of input.outcomes.entries()) {
    if (!outcome.ok) continue;
    const call = input.results[i];
    const drafts = draftsOf(outcome);
    const flavor = textOf(input.product.current.flavor ?? input.product.current.scent) || null;
    for (const d of drafts) {
      const shadowText = textOf(d.raw);
      const current = input.product.current[d.attribute] ?? null;
      const published = input.product.published[d.attribute] ?? null;
      const fingerprint = fingerprintOf(shadowText, { flavor });
      const share = drafts.length || 1;
      await tx.execute(sql`
        insert into enrichment_shadow_results (company_id, shadow_run_id, product_id, attribute_code, channel_code, shadow_value, current_value, published_value,
          similarity_to_current, similarity_to_published, confidence, fingerprint, input_tokens, output_tokens, latency_ms)
        values (${input.companyId}, ${input.shadowRunId}, ${input.product.id}, ${d.attribute}, ${input.channel}, ${JSON.stringify(d.raw)}::jsonb,
          ${current === null ? null : JSON.stringify(current)}::jsonb, ${published === null ? null : JSON.stringify(published)}::jsonb,
          ${similarity(shadowText, textOf(current))}, ${similarity(shadowText, textOf(published))}, ${Math.min(1, Math.max(0, d.modelConfidence))},
          ${JSON.stringify(fingerprint)}::jsonb, ${Math.round((call?.inputTokens ?? 0) / share)}, ${Math.round((call?.outputTokens ?? 0) / share)}, ${call?.latencyMs ?? 0})
        on conflict (shadow_run_id, product_id, attribute_code, channel_code) do update set shadow_value = excluded.shadow_value,
          similarity_to_current = excluded.similarity_to_current, similarity_to_published = excluded.similarity_to_published, fingerprint = excluded.fingerprint`);
      n++;
    }
  }
  return n;
}

export async function closeShadowRun(tx: Tx, shadowRunId: string, status: 'completed' | 'failed', model: string | null, now: Date): Promise<void> {
  await tx.execute(sql`update enrichment_shadow_runs set status = ${status}, completed_at = coalesce(completed_at, ${now.toISOString()}::timestamptz), model = coalesce(model, ${model}) where id = ${shadowRunId}`);
}
