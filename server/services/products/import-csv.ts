/**
 * CSV import, all or nothing: the whole file is validated first (any problem → INVALID_INPUT with every error by line
 * and column, nothing written), then products and values are written in bulk in the caller's one transaction.
 * New SKUs are created; known SKUs get the file's non-empty cells, each change recorded in the field history as the
 * import's. Events (`product/uploaded`, chunked) are returned for sending after commit.
 */
import { makeEvent, productUploaded } from '../../../shared/events/index.ts';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { importBatches } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';
import type { CatalogEvent } from '../../../shared/events/index.ts';
import { groupByProduct, loadAttributeDefs, type ProductCore, type ValueRow } from '../catalog/catalog-data.ts';
import { completenessContext, completenessRows, insertCompleteness, recomputeCompleteness } from '../catalog/completeness.ts';
import { readProductCsv, type CsvProductRow } from './csv-rows.ts';

const CHUNK = 5000;
const EVENT_IDS = 1000;

export interface ImportCsvInput {
  companyId: string;
  userId: string;
  filename: string;
  csv: string;
}

export async function importProductsCsv(tx: Tx, input: ImportCsvInput) {
  const defs = await loadAttributeDefs(tx);
  const cats = await tx.execute<{ id: string; code: string; attrs: string[] }>(sql`
    select c.id, c.code, coalesce(array_agg(ca.attribute_code) filter (where ca.attribute_code is not null), '{}') as attrs
    from categories c left join category_attributes ca on ca.category_id = c.id group by c.id, c.code`);
  const read = readProductCsv(input.csv, { attributes: defs, categories: new Map(cats.map((c) => [c.code, new Set(c.attrs)])) });
  if (!read.ok) {
    throw new AppError('INVALID_INPUT', `${read.errorCount} problem${read.errorCount === 1 ? '' : 's'} in ${input.filename}; nothing was imported`, { errors: read.errors, errorCount: read.errorCount });
  }
  const rows = read.rows;
  const categoryId = new Map(cats.map((c) => [c.code, c.id]));
  const [batch] = await tx.insert(importBatches).values({ companyId: input.companyId, filename: input.filename, source: 'csv', rowCount: rows.length, status: 'completed', createdBy: input.userId }).returning({ id: importBatches.id });
  const batchId = batch!.id;

  const existing = new Map<string, { id: string; category_id: string; brand: string; gtin: string | null }>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const found = await tx.execute<{ id: string; sku: string; category_id: string; brand: string; gtin: string | null }>(sql`
      select id, sku, category_id, brand, gtin from products where sku in (select jsonb_array_elements_text(${JSON.stringify(rows.slice(i, i + CHUNK).map((r) => r.sku))}::jsonb))`);
    for (const f of found) existing.set(f.sku, f);
  }
  const fresh = rows.filter((r) => !existing.has(r.sku));
  const idBySku = new Map<string, string>([...existing].map(([sku, p]) => [sku, p.id]));
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const created = await tx.execute<{ id: string; sku: string }>(sql`
      insert into products (company_id, sku, gtin, brand, category_id, status)
      select ${input.companyId}, x.sku, x.gtin, coalesce(x.brand, ''), x.category_id, 'draft'
      from jsonb_to_recordset(${JSON.stringify(fresh.slice(i, i + CHUNK).map((r) => ({ sku: r.sku, gtin: r.gtin, brand: r.brand, category_id: categoryId.get(r.category) })))}::jsonb)
        as x(sku text, gtin text, brand text, category_id uuid)
      returning id, sku`);
    for (const c of created) idBySku.set(c.sku, c.id);
  }

  const known = rows.filter((r) => existing.has(r.sku));
  const history = await updateExisting(tx, input.companyId, known, existing, categoryId);
  const valuesOf = (r: CsvProductRow) => Object.entries(r.values).filter(([, v]) => v !== null).map(([code, value]) => ({ product_id: idBySku.get(r.sku)!, code, value }));
  // New products: plain inserts. Known products: only the cells that differ, as upserts, each one in the history.
  await writeValues(tx, input.companyId, input.userId, fresh.flatMap(valuesOf), false);
  const old = await currentValues(tx, known.map((r) => idBySku.get(r.sku)!));
  const changed = known.flatMap(valuesOf).filter((v) => !isDeepStrictEqual(old.get(`${v.product_id}|${v.code}`), v.value));
  for (const v of changed) history.push({ product_id: v.product_id, code: v.code, old: old.get(`${v.product_id}|${v.code}`) ?? null, new: v.value });
  await writeValues(tx, input.companyId, input.userId, changed, true);
  for (let i = 0; i < history.length; i += CHUNK) {
    await tx.execute(sql`
      insert into product_field_history (company_id, product_id, attribute_code, old_value, new_value, actor_type, actor_id)
      select ${input.companyId}, x.product_id, x.code, x.old, x.new, 'import', ${batchId}
      from jsonb_to_recordset(${JSON.stringify(history.slice(i, i + CHUNK))}::jsonb) as x(product_id uuid, code text, old jsonb, new jsonb)`);
  }
  const updatedIds = [...new Set(history.map((h) => h.product_id))];
  if (updatedIds.length) {
    await tx.execute(sql`update products set version = version + 1, updated_at = now() where id in (select jsonb_array_elements_text(${JSON.stringify(updatedIds)}::jsonb)::uuid)`);
    // Imported changes are announced by product/uploaded; the field-changed trigger starts after them.
    await tx.execute(sql`
      insert into product_trigger_watermarks (company_id, product_id, last_history_id)
      select ${input.companyId}, x.id, (select max(h.id) from product_field_history h where h.product_id = x.id)
      from (select jsonb_array_elements_text(${JSON.stringify(updatedIds)}::jsonb)::uuid as id) x
      on conflict (product_id) do update set last_history_id = greatest(product_trigger_watermarks.last_history_id, excluded.last_history_id), updated_at = now()`);
  }
  // Completeness of new products comes from the rows in hand; known products are recomputed from what is stored now.
  const ctx = await completenessContext(tx);
  const freshCore: ProductCore[] = fresh.map((r) => ({ id: idBySku.get(r.sku)!, sku: r.sku, gtin: r.gtin, brand: r.brand ?? '', categoryId: categoryId.get(r.category)! }));
  const freshValues = groupByProduct(fresh.flatMap((r) => {
    const productId = idBySku.get(r.sku)!;
    const cells: ValueRow[] = valuesOf(r).map((v) => ({ productId, attributeCode: v.code, channelCode: '', value: v.value }));
    if (r.brand) cells.push({ productId, attributeCode: 'brand', channelCode: '', value: { text: r.brand } });
    if (r.gtin) cells.push({ productId, attributeCode: 'gtin', channelCode: '', value: { text: r.gtin } });
    return cells;
  }));
  await insertCompleteness(tx, input.companyId, completenessRows(ctx, freshCore, freshValues));
  if (known.length) await recomputeCompleteness(tx, input.companyId, [...new Set(known.map((r) => idBySku.get(r.sku)!))]);
  await tx.execute(sql`update import_batches set created_count = ${fresh.length}, updated_count = ${updatedIds.length} where id = ${batchId}`);
  const touched = [...new Set(rows.map((r) => idBySku.get(r.sku)!))];

  const events: CatalogEvent[] = [];
  for (let i = 0; i < touched.length; i += EVENT_IDS) {
    events.push(
      makeEvent(productUploaded, `import:${batchId}:${i / EVENT_IDS}`, { companyId: input.companyId, productIds: touched.slice(i, i + EVENT_IDS), importBatchId: batchId, source: 'csv', uploadedBy: input.userId }),
    );
  }
  return { batchId, rowCount: rows.length, created: fresh.length, updated: updatedIds.length, unchanged: existing.size - updatedIds.length, events };
}

const VALUE_CHUNK = 20_000;

async function writeValues(tx: Tx, companyId: string, userId: string, values: { product_id: string; code: string; value: unknown }[], upsert: boolean) {
  for (let i = 0; i < values.length; i += VALUE_CHUNK) {
    await tx.execute(sql`
      insert into product_values (company_id, product_id, attribute_code, channel_code, locale, value, source, updated_by)
      select ${companyId}, x.product_id, x.code, '', 'en_US', x.value, 'import', ${userId}
      from jsonb_to_recordset(${JSON.stringify(values.slice(i, i + VALUE_CHUNK))}::jsonb) as x(product_id uuid, code text, value jsonb)
      ${upsert ? sql`on conflict (product_id, attribute_code, channel_code, locale) do update set value = excluded.value, source = 'import', updated_by = excluded.updated_by, updated_at = now()` : sql``}`);
  }
}

interface HistoryRow {
  product_id: string;
  code: string;
  old: unknown;
  new: unknown;
}

/** Category, brand and GTIN of known SKUs: updated in place, brand and GTIN changes recorded like attribute changes. */
async function updateExisting(tx: Tx, companyId: string, rows: CsvProductRow[], existing: Map<string, { id: string; category_id: string; brand: string; gtin: string | null }>, categoryId: Map<string, string>): Promise<HistoryRow[]> {
  const history: HistoryRow[] = [];
  const updates: { id: string; brand: string; gtin: string | null; category_id: string }[] = [];
  for (const r of rows) {
    const p = existing.get(r.sku)!;
    const brand = r.brand ?? p.brand;
    const gtin = r.gtin ?? p.gtin;
    const cat = categoryId.get(r.category)!;
    if (brand !== p.brand) history.push({ product_id: p.id, code: 'brand', old: p.brand ? { text: p.brand } : null, new: { text: brand } });
    if (gtin !== p.gtin) history.push({ product_id: p.id, code: 'gtin', old: p.gtin ? { text: p.gtin } : null, new: gtin ? { text: gtin } : null });
    if (brand !== p.brand || gtin !== p.gtin || cat !== p.category_id) updates.push({ id: p.id, brand, gtin, category_id: cat });
  }
  for (let i = 0; i < updates.length; i += CHUNK) {
    await tx.execute(sql`
      update products p set brand = x.brand, gtin = x.gtin, category_id = x.category_id
      from jsonb_to_recordset(${JSON.stringify(updates.slice(i, i + CHUNK))}::jsonb) as x(id uuid, brand text, gtin text, category_id uuid)
      where p.id = x.id and p.company_id = ${companyId}`);
  }
  return history;
}

async function currentValues(tx: Tx, productIds: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (let i = 0; i < productIds.length; i += CHUNK) {
    const rows = await tx.execute<{ product_id: string; attribute_code: string; value: unknown }>(sql`
      select product_id, attribute_code, value from product_values
      where channel_code = '' and locale = 'en_US' and product_id in (select jsonb_array_elements_text(${JSON.stringify(productIds.slice(i, i + CHUNK))}::jsonb)::uuid)`);
    for (const r of rows) out.set(`${r.product_id}|${r.attribute_code}`, r.value);
  }
  return out;
}
