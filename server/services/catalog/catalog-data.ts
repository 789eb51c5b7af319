/**
 * Reading the catalog the way rules need it: attribute definitions, retailer specs, and each product's values with
 * the product-column attributes (brand, gtin) folded in, so completeness and audits see one uniform value map.
 */
import { inArray, sql } from 'drizzle-orm';
import { attributes, productValues } from '../../../drizzle/schema/index.ts';
import type { RequirementParams } from '../../../shared/catalog/completeness.ts';
import { TextRulesSchema, type TextRules } from '../../../shared/catalog/text-rules.ts';
import type { AttributeDef } from '../../../shared/catalog/values.ts';
import type { Tx } from '../../db/client.ts';

export type AttributeDefs = Map<string, AttributeDef & { scopable: boolean; group: string }>;

export async function loadAttributeDefs(tx: Tx): Promise<AttributeDefs> {
  const rows = await tx.select().from(attributes).orderBy(attributes.sort, attributes.code);
  return new Map(rows.map((r) => [r.code, { code: r.code, label: r.label, type: r.type, validation: r.validation, scopable: r.scopable, group: r.groupCode }]));
}

export interface RetailerSpec {
  specId: string;
  retailerId: string;
  retailerCode: string;
  retailerName: string;
  categoryId: string;
  productType: string;
  requiredAttributes: string[];
  requirementParams: RequirementParams;
  currencies: string[];
  textRules: TextRules;
}

export async function loadSpecs(tx: Tx): Promise<RetailerSpec[]> {
  const rows = await tx.execute<{ spec_id: string; retailer_id: string; code: string; name: string; category_id: string; product_type: string; required: string[]; params: RequirementParams; currencies: string[]; rules: TextRules; overrides: Partial<TextRules> }>(sql`
    select s.id as spec_id, r.id as retailer_id, r.code, r.name, s.category_id, s.retailer_product_type as product_type, s.required_attributes as required,
           s.requirement_params as params, r.currencies, r.text_rules as rules, s.text_rules as overrides
    from retailer_category_specs s join retailers r on r.id = s.retailer_id order by r.code, s.category_id`);
  return rows.map((r) => ({
    specId: r.spec_id,
    retailerId: r.retailer_id,
    retailerCode: r.code,
    retailerName: r.name,
    categoryId: r.category_id,
    productType: r.product_type,
    requiredAttributes: r.required,
    requirementParams: r.params,
    currencies: r.currencies,
    textRules: TextRulesSchema.parse({ ...r.rules, ...r.overrides }),
  }));
}

export interface ValueRow {
  productId: string;
  attributeCode: string;
  channelCode: string;
  value: unknown;
}

export interface ProductCore {
  id: string;
  sku: string;
  gtin: string | null;
  brand: string;
  categoryId: string;
}

/** Every value row of the given products, plus brand and gtin as global values when set. */
export async function loadValueRows(tx: Tx, products: ProductCore[]): Promise<ValueRow[]> {
  if (products.length === 0) return [];
  const rows = await tx
    .select({ productId: productValues.productId, attributeCode: productValues.attributeCode, channelCode: productValues.channelCode, value: productValues.value })
    .from(productValues)
    .where(inArray(productValues.productId, products.map((p) => p.id)));
  for (const p of products) {
    if (p.brand) rows.push({ productId: p.id, attributeCode: 'brand', channelCode: '', value: { text: p.brand } });
    if (p.gtin) rows.push({ productId: p.id, attributeCode: 'gtin', channelCode: '', value: { text: p.gtin } });
  }
  return rows;
}

export function groupByProduct<T extends { productId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.productId);
    if (list) list.push(r);
    else out.set(r.productId, [r]);
  }
  return out;
}
