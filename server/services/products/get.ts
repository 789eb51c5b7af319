/**
 * One product as the product page shows it: its category's attributes in order (with type, validation and every
 * stored value, global and per retailer), completeness per retailer, listings and open tasks.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import type { AttributeValidation } from '../../../shared/catalog/values.ts';
import { isColumnAttribute, type AttributeType, type ListingStatus, type ProductStatus } from '../../../shared/catalog/vocab.ts';
import type { Tx } from '../../db/client.ts';

export interface ProductField {
  code: string;
  label: string;
  type: AttributeType;
  group: string;
  scopable: boolean;
  validation: AttributeValidation;
  /** The global value ('' channel), null when empty. */
  value: unknown;
  /** Retailer-scoped values by retailer code. */
  scoped: Record<string, unknown>;
}

export async function getProduct(tx: Tx, id: string) {
  const [p] = await tx.execute<{ id: string; sku: string; gtin: string | null; brand: string; status: ProductStatus; version: number; category_id: string; category_code: string; category_name: string; updated_at: string; created_at: string }>(sql`
    select p.id, p.sku, p.gtin, p.brand, p.status, p.version, p.category_id, c.code as category_code, c.name as category_name, p.updated_at, p.created_at
    from products p join categories c on c.id = p.category_id where p.id = ${id}`);
  if (!p) throw new AppError('NOT_FOUND', 'Product not found');
  const attrs = await tx.execute<{ code: string; label: string; type: AttributeType; group_code: string; scopable: boolean; validation: AttributeValidation }>(sql`
    select a.code, a.label, a.type, a.group_code, a.scopable, a.validation from category_attributes ca join attributes a on a.code = ca.attribute_code and a.company_id = ca.company_id
    where ca.category_id = ${p.category_id} order by ca.sort, a.code`);
  const values = await tx.execute<{ attribute_code: string; channel_code: string; value: unknown }>(sql`
    select attribute_code, channel_code, value from product_values where product_id = ${id} and locale = 'en_US'`);
  const fields: ProductField[] = attrs.map((a) => {
    const own = values.filter((v) => v.attribute_code === a.code);
    const column = a.code === 'brand' ? (p.brand ? { text: p.brand } : null) : a.code === 'gtin' ? (p.gtin ? { text: p.gtin } : null) : undefined;
    return {
      code: a.code, label: a.label, type: a.type, group: a.group_code, scopable: a.scopable && !isColumnAttribute(a.code), validation: a.validation,
      value: column !== undefined ? column : (own.find((v) => v.channel_code === '')?.value ?? null),
      scoped: Object.fromEntries(own.filter((v) => v.channel_code !== '').map((v) => [v.channel_code, v.value])),
    };
  });
  const completeness = await tx.execute<{ retailer: string; name: string; ratio: number; missing: string[] }>(sql`
    select r.code as retailer, r.name, pc.ratio, pc.missing from product_completeness pc join retailers r on r.id = pc.retailer_id
    where pc.product_id = ${id} order by r.name`);
  const listings = await tx.execute<{ retailer: string; name: string; status: ListingStatus; retailer_item_id: string | null; pdp_url: string | null }>(sql`
    select r.code as retailer, r.name, l.status, l.retailer_item_id, l.pdp_url from listings l join retailers r on r.id = l.retailer_id
    where l.product_id = ${id} order by r.name`);
  const openTasks = await tx.execute<{ id: string; title: string; status: string; priority: string }>(sql`
    select id, title, status::text, priority from tasks where product_id = ${id} and status in ('new', 'open', 'in_progress', 'blocked') order by created_at desc limit 20`);
  return {
    id: p.id,
    sku: p.sku,
    gtin: p.gtin,
    brand: p.brand,
    status: p.status,
    version: p.version,
    category: { code: p.category_code, name: p.category_name },
    title: (fields.find((f) => f.code === 'title')?.value as { text?: string } | null)?.text ?? null,
    fields,
    completeness: completeness.map((c) => ({ ...c })),
    listings: listings.map((l) => ({ retailer: l.retailer, name: l.name, status: l.status, retailerItemId: l.retailer_item_id, pdpUrl: l.pdp_url })),
    openTasks: openTasks.map((t) => ({ ...t })),
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}
export type ProductDetail = Awaited<ReturnType<typeof getProduct>>;
