/**
 * Stored completeness: recomputed for the products whose values changed (an edit, an import, the seed), per retailer
 * spec of the product's category, so the product list can filter on it without computing it per request.
 */
import { inArray, sql } from 'drizzle-orm';
import { productCompleteness, products } from '../../../drizzle/schema/index.ts';
import { completeness, valuesForChannel } from '../../../shared/catalog/completeness.ts';
import type { AttributeType } from '../../../shared/catalog/vocab.ts';
import type { Tx } from '../../db/client.ts';
import { groupByProduct, loadAttributeDefs, loadSpecs, loadValueRows, type ProductCore, type RetailerSpec, type ValueRow } from './catalog-data.ts';

const CHUNK = 5000;
const WRITE_CHUNK = 20_000;

export interface CompletenessContext {
  specs: RetailerSpec[];
  types: Record<string, AttributeType>;
}

export async function completenessContext(tx: Tx): Promise<CompletenessContext> {
  const defs = await loadAttributeDefs(tx);
  return { specs: await loadSpecs(tx), types: Object.fromEntries([...defs].map(([code, d]) => [code, d.type])) };
}

interface Row {
  product_id: string;
  retailer_id: string;
  ratio: number;
  missing: string[];
}

/** Pure: completeness rows for products whose values are in hand. */
export function completenessRows(ctx: CompletenessContext, core: ProductCore[], values: Map<string, ValueRow[]>): Row[] {
  const out: Row[] = [];
  for (const p of core) {
    for (const spec of ctx.specs) {
      if (spec.categoryId !== p.categoryId) continue;
      const c = completeness(spec, valuesForChannel(values.get(p.id) ?? [], spec.retailerCode), ctx.types);
      out.push({ product_id: p.id, retailer_id: spec.retailerId, ratio: c.ratio, missing: c.missing });
    }
  }
  return out;
}

/** Writes rows for products that have none yet (new products); recomputeCompleteness replaces existing ones. */
export async function insertCompleteness(tx: Tx, companyId: string, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
    // One statement per chunk: JSON arrays become text[] in jsonb_to_recordset, far cheaper than bound parameters.
    await tx.execute(sql`
      insert into product_completeness (company_id, product_id, retailer_id, ratio, missing)
      select ${companyId}, x.product_id, x.retailer_id, x.ratio, x.missing
      from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + WRITE_CHUNK))}::jsonb) as x(product_id uuid, retailer_id uuid, ratio int, missing text[])`);
  }
}

/** Recomputes the given products (all of the company's when `productIds` is omitted). Returns rows written. */
export async function recomputeCompleteness(tx: Tx, companyId: string, productIds?: string[]): Promise<number> {
  const ctx = await completenessContext(tx);
  const ids = productIds ?? (await tx.select({ id: products.id }).from(products)).map((r) => r.id);
  let written = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const core: ProductCore[] = await tx
      .select({ id: products.id, sku: products.sku, gtin: products.gtin, brand: products.brand, categoryId: products.categoryId })
      .from(products)
      .where(inArray(products.id, chunk));
    const rows = completenessRows(ctx, core, groupByProduct(await loadValueRows(tx, core)));
    await tx.delete(productCompleteness).where(inArray(productCompleteness.productId, chunk));
    await insertCompleteness(tx, companyId, rows);
    written += rows.length;
  }
  return written;
}
