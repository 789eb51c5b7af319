/**
 * What the change sentinel checks (DOMAIN.md F8): per company, each retailer with a `spec_source` and the product
 * types of its category specs. Amazon versions each product type on its own (one target per type); Walmart
 * versions its item spec as a whole (one target per retailer covering every product type, key MP_ITEM).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listCompanyIds } from '../../db/system.ts';
import { withCompany } from '../../db/tx.ts';
import { SpecSourceSchema, WALMART_SPEC_KEY, type SpecSource } from './spec-source.ts';

export interface SpecTargetType {
  productType: string;
  categoryIds: string[];
  attributeMap: Record<string, string>;
}

export interface SpecTarget {
  companyId: string;
  retailerId: string;
  retailerCode: string;
  retailerName: string;
  source: SpecSource;
  /** retailer_spec_versions.retailer_product_type: the Amazon product type, or MP_ITEM for Walmart's whole spec. */
  specKey: string;
  types: SpecTargetType[];
}

export async function listSpecTargets(db: Db, filter: { companyId?: string | undefined; retailerCode?: string | undefined } = {}): Promise<SpecTarget[]> {
  const companyIds = filter.companyId ? [filter.companyId] : (await listCompanyIds(db)).map((c) => c.id);
  const out: SpecTarget[] = [];
  for (const companyId of companyIds) {
    const rows = await withCompany(db, companyId, (tx) =>
      tx.execute<{ retailer_id: string; code: string; name: string; spec_source: Record<string, unknown>; product_type: string; category_ids: string[]; maps: Record<string, string>[] }>(sql`
        select r.id as retailer_id, r.code, r.name, r.spec_source, s.retailer_product_type as product_type,
          array_agg(s.category_id order by s.category_id) as category_ids, jsonb_agg(s.attribute_map) as maps
        from retailers r join retailer_category_specs s on s.retailer_id = r.id
        where ${filter.retailerCode ?? null}::text is null or r.code = ${filter.retailerCode ?? null}
        group by r.id, r.code, r.name, r.spec_source, s.retailer_product_type
        order by r.code, s.retailer_product_type`),
    );
    const byRetailer = new Map<string, SpecTarget[]>();
    for (const r of rows) {
      const parsed = SpecSourceSchema.safeParse(r.spec_source);
      if (!parsed.success) continue; // no spec feed configured (e.g. Target Plus): nothing to poll
      const type: SpecTargetType = { productType: r.product_type, categoryIds: r.category_ids, attributeMap: Object.assign({}, ...r.maps) };
      const list = byRetailer.get(r.retailer_id) ?? [];
      const base = { companyId, retailerId: r.retailer_id, retailerCode: r.code, retailerName: r.name, source: parsed.data };
      if (parsed.data.style === 'walmart') {
        const whole = list[0] ?? { ...base, specKey: WALMART_SPEC_KEY, types: [] };
        whole.types.push(type);
        if (!list.length) list.push(whole);
      } else list.push({ ...base, specKey: r.product_type, types: [type] });
      byRetailer.set(r.retailer_id, list);
    }
    out.push(...[...byRetailer.values()].flat());
  }
  return out;
}
