/**
 * One product page, fetched and scored (DOMAIN.md F9.1–3): the page through the SSRF guard (15 s), 404/410 as
 * delisted, the content extracted (JSON-LD, then DOM), the hero image's dHash, a `pdp_snapshots` row keyed by the
 * sweep (a retried step re-scores the stored snapshot instead of fetching again), and the comparison against what
 * was syndicated. A refused address is recorded as a snapshot that was never fetched.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AssetStore } from '../assets/store.ts';
import type { Db, Tx } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import { SsrfError, type Allowlist } from '../../net/ssrf.ts';
import { dhash as dHash } from '../assets/measure.ts';
import { extractPdp, type ExtractedPdp } from './extract.ts';
import { retailerFetch } from '../../net/outbound.ts';
import { packFactOfNetContent, packFacts } from './pack-size.ts';
import { delistedResult, scorePdp, type ComplianceResult, type Golden } from './score.ts';

export interface PdpCheckInput {
  companyId: string;
  listingId: string;
  sweepKey: string;
}

export interface PdpScored {
  status: 'scored' | 'delisted';
  snapshotId: string;
  result: ComplianceResult;
  sku: string;
  retailer: string;
}
export interface PdpNotScored {
  status: 'refused' | 'skipped';
  snapshotId: string | null;
  error: string;
}
export type PdpCheck = PdpScored | PdpNotScored;

interface ListingRow {
  [k: string]: unknown;
  id: string;
  pdp_url: string | null;
  published_content: Record<string, unknown> | null;
  product_id: string;
  sku: string;
  retailer: string;
  net_content: unknown;
  asset_dhash: string | null;
}

type Stored = ExtractedPdp & { heroDhash?: string | null; heroError?: string; error?: string };

const text = (v: unknown): string | null => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string' ? (v as { text: string }).text : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v : v && typeof v === 'object' && Array.isArray((v as { items?: unknown }).items) ? (v as { items: unknown[] }).items : []).filter((x): x is string => typeof x === 'string');

export function goldenOf(l: Pick<ListingRow, 'published_content' | 'net_content' | 'asset_dhash'>): Golden {
  const pc = l.published_content ?? {};
  const title = text(pc.title);
  const net = packFactOfNetContent(l.net_content);
  const main = pc.mainImage as { dhash?: unknown } | undefined;
  return {
    title,
    bullets: list(pc.bullets),
    description: text(pc.description),
    mainImageDhash: typeof main?.dhash === 'string' ? main.dhash : l.asset_dhash,
    packFacts: [...(net ? [net] : []), ...(title ? packFacts(title) : [])],
  };
}

async function loadListing(tx: Tx, listingId: string): Promise<ListingRow | undefined> {
  const [row] = await tx.execute<ListingRow>(sql`
    select l.id, l.pdp_url, l.published_content, l.product_id, p.sku, r.code as retailer,
      (select v.value from product_values v where v.product_id = p.id and v.attribute_code = 'net_content' and v.channel_code in ('', r.code) order by v.channel_code desc limit 1) as net_content,
      (select a.dhash from assets a where a.product_id = p.id and a.role = 'main' and a.dhash is not null and a.status <> 'archived' order by a.created_at desc limit 1) as asset_dhash
    from listings l join products p on p.id = l.product_id join retailers r on r.id = l.retailer_id where l.id = ${listingId}`);
  return row;
}

export async function checkPdp(db: Db, input: PdpCheckInput, deps: { allowlist?: Allowlist | undefined; assets?: AssetStore | undefined }, now: Date): Promise<PdpCheck> {
  const { companyId, listingId, sweepKey } = input;
  const listing = await withCompany(db, companyId, (tx) => loadListing(tx, listingId));
  if (!listing?.pdp_url) return { status: 'skipped', snapshotId: null, error: 'listing has no product page URL' };
  const [existing] = await withCompany(db, companyId, (tx) =>
    tx.execute<{ id: string; http_status: number | null; final_url: string | null; extracted: Stored }>(sql`select id, http_status, final_url, extracted from pdp_snapshots where listing_id = ${listingId} and sweep_key = ${sweepKey}`),
  );
  if (existing) return evaluate(listing, existing.id, existing.http_status, existing.final_url ?? listing.pdp_url, existing.extracted);

  let page;
  try {
    page = await retailerFetch(deps.allowlist, { method: 'GET', url: listing.pdp_url, timeoutMs: 15_000 });
  } catch (err) {
    if (!(err instanceof SsrfError)) throw err; // network trouble: the step is retried
    const error = `refused: ${err.message}`;
    const id = await insertSnapshot(db, input, now, { status: null, finalUrl: null, sha: null, key: null, method: 'none', extracted: { error } });
    return { status: 'refused', snapshotId: id, error };
  }
  if (page.status >= 500 || page.status === 429) throw new Error(`${listing.pdp_url} answered ${page.status}`);
  const sha = createHash('sha256').update(page.body).digest('hex');
  const stored = deps.assets ? await deps.assets.put(companyId, Buffer.from(page.body), 'html').catch(() => null) : null;
  let method: 'json_ld' | 'dom' | 'none' = 'none';
  let extracted: Stored = { title: null, bullets: [], description: null, images: [], brand: null, gtin: null, price: null, availability: null };
  if (page.status === 200) {
    const x = extractPdp(page.body);
    method = x.method;
    extracted = { ...x.extracted, ...(await heroHash(deps.allowlist, x.extracted.images[0], page.url)) };
  }
  const id = await insertSnapshot(db, input, now, { status: page.status, finalUrl: page.url, sha, key: stored?.storageKey ?? null, method, extracted });
  return evaluate(listing, id, page.status, page.url, extracted);
}

async function heroHash(allowlist: Allowlist | undefined, src: string | undefined, pageUrl: string): Promise<{ heroDhash: string | null; heroError?: string }> {
  if (!src) return { heroDhash: null };
  try {
    // A relative image URL resolves against the page's final URL, as a browser would.
    const url = new URL(src, pageUrl).toString();
    const res = await retailerFetch(allowlist, { method: 'GET', url, binary: true, timeoutMs: 15_000 });
    if (res.status !== 200) return { heroDhash: null, heroError: `hero image answered ${res.status}` };
    return { heroDhash: await dHash(Buffer.from(res.body, 'base64')) };
  } catch (err) {
    return { heroDhash: null, heroError: (err as Error).message };
  }
}

async function insertSnapshot(db: Db, input: PdpCheckInput, now: Date, s: { status: number | null; finalUrl: string | null; sha: string | null; key: string | null; method: 'json_ld' | 'dom' | 'none'; extracted: Stored | { error: string } }): Promise<string> {
  return withCompany(db, input.companyId, async (tx) => {
    const inserted = await tx.execute<{ id: string }>(sql`
      insert into pdp_snapshots (company_id, listing_id, sweep_key, fetched_at, http_status, final_url, html_sha256, html_storage_key, extraction_method, extracted)
      values (${input.companyId}, ${input.listingId}, ${input.sweepKey}, ${now.toISOString()}::timestamptz, ${s.status}, ${s.finalUrl}, ${s.sha}, ${s.key}, ${s.method}, ${JSON.stringify(s.extracted)}::jsonb)
      on conflict (listing_id, sweep_key) do nothing returning id`);
    const [row] = inserted.length ? inserted : await tx.execute<{ id: string }>(sql`select id from pdp_snapshots where listing_id = ${input.listingId} and sweep_key = ${input.sweepKey}`);
    return row!.id;
  });
}

function evaluate(listing: ListingRow, snapshotId: string, status: number | null, url: string, x: Stored): PdpCheck {
  if (x.error) return { status: 'refused', snapshotId, error: x.error };
  if (status === 404 || status === 410) return { status: 'delisted', snapshotId, result: delistedResult(status, url), sku: listing.sku, retailer: listing.retailer };
  if (status !== 200) return { status: 'skipped', snapshotId, error: `the page answered ${status}` };
  return { status: 'scored', snapshotId, result: scorePdp(goldenOf(listing), { extracted: x, heroDhash: x.heroDhash ?? null }), sku: listing.sku, retailer: listing.retailer };
}
