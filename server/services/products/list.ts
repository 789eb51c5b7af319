/** The product list: search (SKU, GTIN, title), category and stored-completeness filters, one page at a time. */
import { sql, type SQL } from 'drizzle-orm';
import type { CompletenessBand } from '../../../shared/catalog/completeness.ts';
import type { ProductStatus } from '../../../shared/catalog/vocab.ts';
import type { Tx } from '../../db/client.ts';

export interface ListProductsFilter {
  search?: string;
  category?: string;
  completeness?: CompletenessBand;
  /** Narrows the completeness filter to one retailer (by code); otherwise "complete" means at every retailer. */
  retailer?: string;
  limit: number;
  offset: number;
}

export interface ProductListItem {
  id: string;
  sku: string;
  gtin: string | null;
  brand: string;
  title: string | null;
  status: ProductStatus;
  categoryCode: string;
  categoryName: string;
  completeness: { retailer: string; ratio: number }[];
  updatedAt: string;
}

export async function listProducts(tx: Tx, f: ListProductsFilter): Promise<{ items: ProductListItem[]; total: number }> {
  const where: SQL[] = [sql`true`];
  if (f.search?.trim()) {
    const q = `%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(p.sku ilike ${q} or p.gtin like ${q} or t.title ilike ${q} or p.brand ilike ${q})`);
  }
  if (f.category) where.push(sql`c.code = ${f.category}`);
  if (f.completeness) {
    const gap = sql`select 1 from product_completeness pc join retailers r on r.id = pc.retailer_id
      where pc.product_id = p.id and pc.ratio < 100 ${f.retailer ? sql`and r.code = ${f.retailer}` : sql``}`;
    where.push(f.completeness === 'complete' ? sql`not exists (${gap})` : sql`exists (${gap})`);
  }
  if (f.retailer && f.completeness) {
    where.push(sql`exists (select 1 from product_completeness pc join retailers r on r.id = pc.retailer_id where pc.product_id = p.id and r.code = ${f.retailer})`);
  }
  const rows = await tx.execute<{ id: string; sku: string; gtin: string | null; brand: string; title: string | null; status: ProductStatus; category_code: string; category_name: string; completeness: { retailer: string; ratio: number }[]; updated_at: string; total: number }>(sql`
    select p.id, p.sku, p.gtin, p.brand, t.title, p.status, c.code as category_code, c.name as category_name, p.updated_at,
      coalesce((select jsonb_agg(jsonb_build_object('retailer', r.code, 'ratio', pc.ratio) order by r.code)
                from product_completeness pc join retailers r on r.id = pc.retailer_id where pc.product_id = p.id), '[]'::jsonb) as completeness,
      count(*) over ()::int as total
    from products p
    join categories c on c.id = p.category_id
    left join lateral (select v.value->>'text' as title from product_values v
                       where v.product_id = p.id and v.attribute_code = 'title' and v.channel_code = '' and v.locale = 'en_US') t on true
    where ${sql.join(where, sql` and `)}
    order by p.sku
    limit ${f.limit} offset ${f.offset}`);
  return {
    total: rows[0]?.total ?? (f.offset > 0 ? await countAll(tx, where) : 0),
    items: rows.map((r) => ({
      id: r.id, sku: r.sku, gtin: r.gtin, brand: r.brand, title: r.title, status: r.status, categoryCode: r.category_code, categoryName: r.category_name,
      completeness: r.completeness, updatedAt: new Date(r.updated_at).toISOString(),
    })),
  };
}

async function countAll(tx: Tx, where: SQL[]): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`
    select count(*)::int n from products p join categories c on c.id = p.category_id
    left join lateral (select v.value->>'text' as title from product_values v
                       where v.product_id = p.id and v.attribute_code = 'title' and v.channel_code = '' and v.locale = 'en_US') t on true
    where ${sql.join(where, sql` and `)}`);
  return row?.n ?? 0;
}

/** What the list's filters offer: the company's categories and retailers. */
export async function productFacets(tx: Tx) {
  const categories = await tx.execute<{ code: string; name: string; products: number }>(sql`
    select c.code, c.name, (select count(*)::int from products p where p.category_id = c.id) as products from categories c order by c.name`);
  const retailers = await tx.execute<{ code: string; name: string }>(sql`select code, name from retailers order by name`);
  return { categories: categories.map((c) => ({ ...c })), retailers: retailers.map((r) => ({ ...r })) };
}
