/**
 * Seeds retailer monitoring for one company (DOMAIN.md §1.3, §1.6, §4): spec sources and product page URLs on the
 * app's own demo retailer site (root-relative, resolved against the app's origin), attribute maps, the current spec
 * versions (exactly what the demo site serves, so the first sentinel run finds nothing new), one historical spec
 * change, and the last watchdog sweep — computed by the real extraction and scoring over the demo pages, so the
 * seeded findings are the ones a sweep finds. Runs once per company: a company with spec versions is left alone.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { specChecksum } from '../../services/monitoring/canonical.ts';
import { renderPackShot, renderPdpPage, type RetailerStyle } from '../retailer/pages.ts';
import { AMAZON_ATTRIBUTE_MAP, AMAZON_VERSION, amazonSchema, WALMART_ATTRIBUTE_MAP, WALMART_OLD_VERSION, walmartSpec } from '../retailer/specs.ts';
import { DEMO_BASE, demoImagePath, demoPage, demoPdpPath, demoProducts } from '../retailer/site.ts';
import { dhash as dHash } from '../../services/assets/measure.ts';
import { extractPdp } from '../../services/monitoring/extract.ts';
import { delistedResult, scorePdp, type ComplianceResult } from '../../services/monitoring/score.ts';
import { WALMART_SPEC_KEY } from '../../services/monitoring/spec-source.ts';
import { goldenOf } from '../../services/monitoring/pdp-check.ts';

const HOUR = 3_600_000;
const SOURCES: Record<string, Record<string, unknown>> = {
  amazon_us: { style: 'amazon', definitionsUrl: `${DEMO_BASE}/amazon/definitions/2020-09-01/productTypes/{productType}` },
  walmart_us: { style: 'walmart', url: `${DEMO_BASE}/walmart/v3/items/spec`, feedType: 'MP_ITEM' },
};
const MAPS: Record<string, Record<string, string>> = { amazon_us: AMAZON_ATTRIBUTE_MAP, walmart_us: WALMART_ATTRIBUTE_MAP };
const STYLE: Record<string, RetailerStyle> = { amazon_us: 'amazon', walmart_us: 'walmart', target_plus: 'target' };

export async function seedMonitoring(tx: Tx, companyId: string, slug: string, now = new Date()): Promise<void> {
  const [{ n } = { n: 0 }] = await tx.execute<{ n: number }>(sql`select count(*)::int n from retailer_spec_versions`);
  if (n > 0) return;
  const at = (h: number) => new Date(now.getTime() + h * HOUR).toISOString();
  const retailers = await tx.execute<{ id: string; code: string }>(sql`select id, code from retailers`);
  const retailerId = new Map(retailers.map((r) => [r.code, r.id]));
  for (const r of retailers) {
    if (SOURCES[r.code]) await tx.execute(sql`update retailers set spec_source = ${JSON.stringify(SOURCES[r.code])}::jsonb where id = ${r.id}`);
    if (MAPS[r.code]) await tx.execute(sql`update retailer_category_specs set attribute_map = ${JSON.stringify(MAPS[r.code])}::jsonb where retailer_id = ${r.id}`);
  }
  await seedSpecVersions(tx, companyId, retailerId, at);
  await seedWatchdog(tx, companyId, slug, retailerId, at);
}

async function insertVersion(tx: Tx, companyId: string, retailerId: string, key: string, label: string, schema: Record<string, unknown>, fetchedAt: string, current: boolean): Promise<string> {
  const [row] = await tx.execute<{ id: string }>(sql`
    insert into retailer_spec_versions (company_id, retailer_id, retailer_product_type, version_label, checksum, schema, fetched_at, is_current)
    values (${companyId}, ${retailerId}, ${key}, ${label}, ${specChecksum(schema)}, ${JSON.stringify(schema)}::jsonb, ${fetchedAt}::timestamptz, ${current}) returning id`);
  return row!.id;
}

async function seedSpecVersions(tx: Tx, companyId: string, retailerId: Map<string, string>, at: (h: number) => string) {
  const types = await tx.execute<{ code: string; product_type: string }>(sql`
    select distinct r.code, s.retailer_product_type as product_type from retailer_category_specs s join retailers r on r.id = s.retailer_id order by 1, 2`);
  const walmartTypes = types.filter((t) => t.code === 'walmart_us').map((t) => t.product_type);
  if (walmartTypes.length) await insertVersion(tx, companyId, retailerId.get('walmart_us')!, WALMART_SPEC_KEY, WALMART_OLD_VERSION, walmartSpec(walmartTypes, WALMART_OLD_VERSION).schema, at(-24 * 14), true);
  for (const t of types.filter((x) => x.code === 'amazon_us')) {
    const schema = amazonSchema(t.product_type);
    if (!schema) continue;
    const rid = retailerId.get('amazon_us')!;
    const toId = await insertVersion(tx, companyId, rid, t.product_type, AMAZON_VERSION, schema, at(-24 * 10), true);
    // History: the first product type had a longer title limit in the previous definition (U0.9 → U1.0).
    if (t !== types.find((x) => x.code === 'amazon_us')) continue;
    const props = schema.properties as Record<string, Record<string, unknown>>;
    const older = { ...schema, properties: { ...props, item_name: { type: 'array', items: { type: 'object', properties: { value: { type: 'string', maxLength: 250 } } } } } };
    const fromId = await insertVersion(tx, companyId, rid, t.product_type, 'U0.9', older, at(-24 * 40), false);
    const diff = {
      addedRequired: [], removedRequired: [], addedProps: [], removedProps: [], constraintChanges: [{ prop: 'item_name', kind: 'maxLength', before: 250, after: 200 }],
      mapped: { item_name: 'title' }, unmappedRequired: [], affected: [], summarizedBy: { source: 'fallback', reason: 'seeded history' },
    };
    await tx.execute(sql`
      insert into spec_changes (company_id, retailer_id, retailer_product_type, from_version_id, to_version_id, diff, severity, summary, affected_products, detected_at)
      values (${companyId}, ${rid}, ${t.product_type}, ${fromId}, ${toId}, ${JSON.stringify(diff)}::jsonb, 'low',
        ${`Amazon.com ${t.product_type} definition U1.0 lowers the title (item_name) limit from 250 to 200 characters. No listed product has a longer title, so nothing needs changing now; keep new titles within 200 characters.`},
        0, ${at(-24 * 10)}::timestamptz)`);
  }
}

async function seedWatchdog(tx: Tx, companyId: string, slug: string, retailerId: Map<string, string>, at: (h: number) => string) {
  const hashes = new Map<string, string>();
  const hashOf = async (n: number, variant: 'current' | 'old') => {
    const k = `${n}-${variant}`;
    if (!hashes.has(k)) hashes.set(k, await dHash(await renderPackShot(n, variant)));
    return hashes.get(k)!;
  };
  const [t3] = await tx.execute<{ id: string }>(sql`select id from tasks where dedupe_key = 'seed:T3'`);
  for (const p of demoProducts(slug)) {
    for (const [code, status] of Object.entries(p.listings)) {
      const rid = retailerId.get(code);
      const path = demoPdpPath(slug, code, p);
      if (!rid || !path) continue;
      const mainImage = { url: demoImagePath(slug, p.n, 'current'), dhash: await hashOf(p.n, 'current') };
      const [listing] = await tx.execute<{ id: string; published_content: Record<string, unknown> | null; net_content: unknown }>(sql`
        update listings l set pdp_url = ${path},
          published_content = case when l.published_content is null then null else l.published_content || ${JSON.stringify({ mainImage })}::jsonb end
        from products p where p.id = l.product_id and p.sku = ${p.sku} and l.retailer_id = ${rid}
        returning l.id, l.published_content, (select v.value from product_values v where v.product_id = p.id and v.attribute_code = 'net_content' and v.channel_code = '') as net_content`);
      if (!listing || status !== 'active' || !listing.published_content) continue;
      const page = demoPage(slug, STYLE[code]!, path.split(/[/-]/).pop()!);
      if (page === null) continue;
      let result: ComplianceResult;
      let snapshot: { status: number; method: 'json_ld' | 'dom' | 'none'; extracted: Record<string, unknown> };
      if (page === 'gone') {
        result = delistedResult(404, path);
        snapshot = { status: 404, method: 'none', extracted: {} };
      } else {
        const x = extractPdp(renderPdpPage(STYLE[code]!, page.content));
        const heroDhash = await hashOf(p.n, page.content.heroImageUrl?.endsWith('-old.png') ? 'old' : 'current');
        result = scorePdp(goldenOf({ published_content: listing.published_content, net_content: listing.net_content, asset_dhash: null }), { extracted: x.extracted, heroDhash });
        snapshot = { status: 200, method: x.method, extracted: { ...x.extracted, heroDhash } };
      }
      await insertSweep(tx, companyId, listing.id, path, snapshot, result, at, t3?.id ?? null);
    }
  }
}

async function insertSweep(tx: Tx, companyId: string, listingId: string, path: string, s: { status: number; method: string; extracted: Record<string, unknown> }, r: ComplianceResult, at: (h: number) => string, t3: string | null) {
  const [snap] = await tx.execute<{ id: string }>(sql`
    insert into pdp_snapshots (company_id, listing_id, sweep_key, fetched_at, http_status, final_url, extraction_method, extracted)
    values (${companyId}, ${listingId}, 'seed', ${at(-2)}::timestamptz, ${s.status}, ${path}, ${s.method}, ${JSON.stringify(s.extracted)}::jsonb) returning id`);
  await tx.execute(sql`
    insert into pdp_compliance (company_id, snapshot_id, listing_id, title_score, bullets_score, description_score, image_score, overall_score, band, computed_at)
    values (${companyId}, ${snap!.id}, ${listingId}, ${r.scores.title}, ${r.scores.bullets}, ${r.scores.description}, ${r.scores.image}, ${r.overall}, ${r.band}, ${at(-2)}::timestamptz)`);
  for (const f of r.findings) {
    // The last sweep sent the ambiguous rewrite to Claude, which called it the retailer's own wording.
    const verdict = f.ambiguous ? { classification: 'retailer_rewrite', severity: 'info', explanation: 'The retailer reworded the description; the facts are unchanged (seeded classification).' } : f;
    const packTask = f.classification === 'pack_size_mismatch' ? t3 : null;
    await tx.execute(sql`
      insert into pdp_drift_findings (company_id, listing_id, snapshot_id, field, expected, observed, similarity, classification, severity, explanation, status, task_id, first_seen_at, last_seen_at)
      values (${companyId}, ${listingId}, ${snap!.id}, ${f.field}, ${JSON.stringify(f.expected ?? null)}::jsonb, ${JSON.stringify(f.observed ?? null)}::jsonb, ${f.similarity},
        ${verdict.classification}, ${verdict.severity}, ${verdict.explanation}, 'open', ${packTask}, ${packTask ? at(-30) : at(-2)}::timestamptz, ${at(-2)}::timestamptz)`);
  }
}
