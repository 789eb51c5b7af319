/**
 * What the model and the validator need per product (DOMAIN.md F4 step 2): current values, the category's
 * attribute set with its validation (enums), the target retailer's text rules, and the source text the evidence must
 * come from. Loaded inside a durable step, so it is a plain JSON document.
 */
import { sql } from 'drizzle-orm';
import type { TextRules } from '../../../shared/catalog/text-rules.ts';
import { valueItems, valueText, type AttributeDef } from '../../../shared/catalog/values.ts';
import type { Tx } from '../../db/client.ts';
import { loadAttributeDefs, loadSpecs } from '../catalog/catalog-data.ts';
import { skillGroups, type SkillGroup } from './fields.ts';
import { enrichmentSettings, type EnrichmentSettings } from './settings.ts';

export interface ProductContext {
  id: string;
  sku: string;
  brand: string;
  gtin: string | null;
  category: string;
  /** Current values, global unless the job targets a retailer and the attribute is scopable. */
  current: Record<string, unknown>;
  source: Record<string, string>;
  /** The rules copy must meet: the target retailer's, or every retailer selling the category when none is given. */
  rules: { retailer: string; rules: TextRules }[];
  groups: SkillGroup[];
}

export interface BatchContext {
  jobId: string;
  fields: string[];
  retailer: string | null;
  workflowRunId: string | null;
  settings: EnrichmentSettings;
  attributes: Record<string, AttributeDef & { scopable: boolean }>;
  products: ProductContext[];
}

export async function loadBatchContext(tx: Tx, jobId: string, productIds: string[]): Promise<BatchContext> {
  const [job] = await tx.execute<{ fields: string[]; retailer_code: string | null; workflow_run_id: string | null; settings: unknown }>(sql`
    select j.fields, r.code as retailer_code, j.workflow_run_id, c.settings
    from enrichment_jobs j join companies c on c.id = j.company_id left join retailers r on r.id = j.retailer_id where j.id = ${jobId}`);
  if (!job) throw new Error(`enrichment job ${jobId} not found`);
  const defs = await loadAttributeDefs(tx);
  const specs = await loadSpecs(tx);
  const retailerRules = await tx.execute<{ code: string; text_rules: TextRules }>(sql`select code, text_rules from retailers order by code`);
  const rows = await tx.execute<{ id: string; sku: string; brand: string; gtin: string | null; category_id: string; category: string; attrs: string[] }>(sql`
    select p.id, p.sku, p.brand, p.gtin, p.category_id, c.code as category,
           coalesce((select array_agg(ca.attribute_code order by ca.sort) from category_attributes ca where ca.category_id = p.category_id), '{}') as attrs
    from products p join categories c on c.id = p.category_id
    where p.id in (select jsonb_array_elements_text(${JSON.stringify(productIds)}::jsonb)::uuid) order by p.sku`);
  const values = await tx.execute<{ product_id: string; attribute_code: string; channel_code: string; value: unknown }>(sql`
    select product_id, attribute_code, channel_code, value from product_values
    where product_id in (select jsonb_array_elements_text(${JSON.stringify(productIds)}::jsonb)::uuid)`);

  const products = rows.map((p): ProductContext => {
    const mine = values.filter((v) => v.product_id === p.id);
    const current: Record<string, unknown> = {};
    for (const v of mine.filter((v) => v.channel_code === '')) current[v.attribute_code] = v.value;
    if (job.retailer_code) for (const v of mine.filter((v) => v.channel_code === job.retailer_code)) current[v.attribute_code] = v.value;
    const source: Record<string, string> = {};
    for (const [code, v] of Object.entries(current)) {
      const def = defs.get(code);
      if (!def || def.type === 'asset' || def.type === 'price') continue;
      const text = def.type === 'text_list' ? valueItems(v).join('\n') : valueText(v);
      if (text.trim()) source[code === 'title' ? 'supplier_title' : code === 'description' ? 'supplier_description' : code] = text;
    }
    const forCategory = specs.filter((s) => s.categoryId === p.category_id && (!job.retailer_code || s.retailerCode === job.retailer_code));
    const rules = forCategory.length
      ? forCategory.map((s) => ({ retailer: s.retailerCode, rules: s.textRules }))
      : retailerRules.filter((r) => !job.retailer_code || r.code === job.retailer_code).map((r) => ({ retailer: r.code, rules: r.text_rules }));
    return { id: p.id, sku: p.sku, brand: p.brand, gtin: p.gtin, category: p.category, current, source, rules, groups: skillGroups(job.fields, new Set(p.attrs)) };
  });
  const attributes: BatchContext['attributes'] = {};
  for (const f of job.fields) {
    const d = defs.get(f);
    if (d) attributes[f] = { code: d.code, label: d.label, type: d.type, validation: d.validation, scopable: d.scopable };
  }
  return { jobId, fields: job.fields, retailer: job.retailer_code, workflowRunId: job.workflow_run_id, settings: enrichmentSettings(job.settings), attributes, products };
}
