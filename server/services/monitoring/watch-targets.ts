/** The listings the watchdog checks (DOMAIN.md F9): watched, active, with a product page URL. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listCompanyIds } from '../../db/system.ts';
import { withCompany } from '../../db/tx.ts';

export interface WatchFilter {
  companyId?: string | undefined;
  listingIds?: string[] | undefined;
  productIds?: string[] | undefined;
  retailer?: string | undefined;
}

export interface WatchTarget {
  companyId: string;
  listingId: string;
  retailer: string;
}

export async function listWatchTargets(db: Db, f: WatchFilter): Promise<WatchTarget[]> {
  const companyIds = f.companyId ? [f.companyId] : (await listCompanyIds(db)).map((c) => c.id);
  const out: WatchTarget[] = [];
  for (const companyId of companyIds) {
    const rows = await withCompany(db, companyId, (tx) =>
      tx.execute<{ id: string; code: string }>(sql`
        select l.id, r.code from listings l join retailers r on r.id = l.retailer_id
        where l.watch and l.status = 'active' and l.pdp_url is not null
          and (${f.listingIds ? JSON.stringify(f.listingIds) : null}::jsonb is null or l.id::text in (select jsonb_array_elements_text(${f.listingIds ? JSON.stringify(f.listingIds) : null}::jsonb)))
          and (${f.productIds ? JSON.stringify(f.productIds) : null}::jsonb is null or l.product_id::text in (select jsonb_array_elements_text(${f.productIds ? JSON.stringify(f.productIds) : null}::jsonb)))
          and (${f.retailer ?? null}::text is null or r.code = ${f.retailer ?? null})
        order by r.code, l.id`),
    );
    out.push(...rows.map((r) => ({ companyId, listingId: r.id, retailer: r.code })));
  }
  return out;
}
