/**
 * What the Monitoring page shows: recent spec changes (summary, severity, affected products), each watched listing's
 * latest compliance score and band with its open findings (expected vs observed), and the last spec checks.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';

export interface SpecChangeRow {
  [k: string]: unknown;
  id: string;
  retailer: string;
  retailerName: string;
  productType: string;
  fromVersion: string | null;
  toVersion: string;
  severity: string;
  summary: string;
  affectedProducts: number;
  affectedSkus: string[];
  addedRequired: string[];
  detectedAt: string;
}

export async function listSpecChanges(tx: Tx, limit: number): Promise<SpecChangeRow[]> {
  const rows = await tx.execute<SpecChangeRow>(sql`
    select c.id, r.code as retailer, r.name as "retailerName", c.retailer_product_type as "productType", f.version_label as "fromVersion", t.version_label as "toVersion",
      c.severity::text as severity, c.summary, c.affected_products as "affectedProducts",
      coalesce((select array_agg(p.sku order by p.sku) from products p where p.id = any(c.affected_product_ids)), '{}') as "affectedSkus",
      coalesce((select array_agg(x) from jsonb_array_elements_text(c.diff->'addedRequired') x), '{}') as "addedRequired",
      c.detected_at as "detectedAt"
    from spec_changes c join retailers r on r.id = c.retailer_id join retailer_spec_versions t on t.id = c.to_version_id
    left join retailer_spec_versions f on f.id = c.from_version_id
    order by c.detected_at desc, c.id limit ${limit}`);
  return rows.map((r) => ({ ...r, detectedAt: new Date(r.detectedAt).toISOString() }));
}

export interface ListingComplianceRow {
  [k: string]: unknown;
  listingId: string;
  sku: string;
  productId: string;
  retailer: string;
  retailerName: string;
  pdpUrl: string | null;
  score: number | null;
  band: string | null;
  checkedAt: string | null;
  httpStatus: number | null;
  error: string | null;
  findings: { id: string; field: string; classification: string; severity: string; expected: unknown; observed: unknown; explanation: string | null; taskId: string | null; firstSeenAt: string; lastSeenAt: string }[];
}

export async function listListingCompliance(tx: Tx, filter: { retailer?: string | undefined; onlyDrift?: boolean | undefined }): Promise<ListingComplianceRow[]> {
  const rows = await tx.execute<ListingComplianceRow>(sql`
    select l.id as "listingId", p.sku, p.id as "productId", r.code as retailer, r.name as "retailerName", l.pdp_url as "pdpUrl",
      c.overall_score::float8 as score, c.band::text as band, s.fetched_at as "checkedAt", s.http_status as "httpStatus", s.extracted->>'error' as error,
      coalesce((select jsonb_agg(jsonb_build_object('id', f.id, 'field', f.field, 'classification', f.classification, 'severity', f.severity, 'expected', f.expected,
        'observed', f.observed, 'explanation', f.explanation, 'taskId', f.task_id, 'firstSeenAt', f.first_seen_at, 'lastSeenAt', f.last_seen_at)
        order by case f.severity when 'critical' then 0 when 'warning' then 1 else 2 end, f.field)
        from pdp_drift_findings f where f.listing_id = l.id and f.status = 'open'), '[]'::jsonb) as findings
    from listings l join products p on p.id = l.product_id join retailers r on r.id = l.retailer_id
    -- The latest snapshot that is finished: scored, or one that could not be (refused, an error status). A sweep's
    -- page fetched but not yet scored does not hide the previous score.
    left join lateral (select * from pdp_snapshots s where s.listing_id = l.id
      and (exists (select 1 from pdp_compliance pc where pc.snapshot_id = s.id) or s.http_status is distinct from 200)
      order by s.fetched_at desc, s.id desc limit 1) s on true
    left join pdp_compliance c on c.snapshot_id = s.id
    where l.watch and l.status = 'active' and (${filter.retailer ?? null}::text is null or r.code = ${filter.retailer ?? null})
    order by (select count(*) from pdp_drift_findings f where f.listing_id = l.id and f.status = 'open' and f.severity <> 'info') = 0, c.overall_score nulls first, p.sku, r.code`);
  const out = rows.map((r) => ({ ...r, checkedAt: r.checkedAt ? new Date(r.checkedAt).toISOString() : null }));
  return filter.onlyDrift ? out.filter((r) => r.findings.length > 0 || r.error) : out;
}

export interface SpecCheckRow {
  [k: string]: unknown;
  retailer: string;
  retailerName: string;
  checks: Record<string, { at: string; ok: boolean; version?: string; changed?: boolean; error?: string; refused?: boolean }>;
}

/**
 * The last check per spec key: what the sentinel recorded, and for a key it never recorded (versions fetched before
 * it kept a record, or seeded), the current stored version's fetch — a version on file was checked, so the page must
 * not say "not checked yet" above the change it found.
 */
export async function listSpecChecks(tx: Tx): Promise<SpecCheckRow[]> {
  return [...(await tx.execute<SpecCheckRow>(sql`
    select r.code as retailer, r.name as "retailerName",
      coalesce((select jsonb_object_agg(v.retailer_product_type, jsonb_build_object('at', v.fetched_at, 'ok', true, 'version', v.version_label))
                from retailer_spec_versions v where v.retailer_id = r.id and v.is_current), '{}'::jsonb)
        || coalesce(r.spec_source->'checks', '{}'::jsonb) as checks
    from retailers r where r.spec_source ? 'style' order by r.code`))];
}
