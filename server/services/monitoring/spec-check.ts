/**
 * One sentinel check of one spec target (DOMAIN.md F8.1–4): fetch through the SSRF guard, checksum, and — when the
 * spec changed — record the new version, diff it against the previous one, map names, find the products that now
 * fail, and update the category specs' required attributes. A step retried after this committed finds the new
 * version current but without its spec_changes row, and resumes from there instead of calling it unchanged.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import { SsrfError, type Allowlist } from '../../net/ssrf.ts';
import { specChecksum } from './canonical.ts';
import { changeSeverity, mapDiff, productsAffected, type ImpactProduct, type MappedDiff, type ProductImpact } from './impact.ts';
import { retailerFetch } from '../../net/outbound.ts';
import { diffSpecs, isEmptyDiff, mergeDiffs } from './spec-diff.ts';
import { fetchSpec, typeSchemas, type FetchedSpec } from './spec-source.ts';
import type { SpecChangeSeverity } from '../../../shared/monitoring/vocab.ts';
import type { SpecTarget } from './spec-targets.ts';

export type SpecCheckResult =
  | { status: 'unchanged' | 'baseline'; versionLabel: string }
  | { status: 'refused' | 'error'; error: string }
  | {
      status: 'changed';
      fromVersionId: string;
      fromLabel: string;
      toVersionId: string;
      toLabel: string;
      diff: MappedDiff;
      affected: ProductImpact[];
      severity: SpecChangeSeverity;
      empty: boolean;
    };

export async function checkSpecTarget(db: Db, target: SpecTarget, allowlist: Allowlist | undefined, now: Date): Promise<SpecCheckResult> {
  let fetched: FetchedSpec;
  try {
    fetched = await fetchSpec(target.source, target.types.map((t) => t.productType), (req) => retailerFetch(allowlist, { ...req, timeoutMs: 15_000 }));
  } catch (err) {
    const refused = err instanceof SsrfError;
    const error = `${refused ? 'refused: ' : ''}${(err as Error).message}`;
    await withCompany(db, target.companyId, (tx) => recordCheck(tx, target, now, { ok: false, refused, error }));
    return { status: refused ? 'refused' : 'error', error };
  }
  return withCompany(db, target.companyId, async (tx) => {
    const result = await detect(tx, target, fetched, now);
    await recordCheck(tx, target, now, { ok: true, version: fetched.versionLabel, changed: result.status === 'changed' });
    return result;
  });
}

/** The last check per spec key, kept beside the source configuration for the Monitoring page. */
async function recordCheck(tx: Tx, target: SpecTarget, now: Date, check: Record<string, unknown>) {
  await tx.execute(sql`
    update retailers set spec_source = jsonb_set(spec_source || jsonb_build_object('checks', coalesce(spec_source->'checks', '{}'::jsonb)),
      array['checks', ${target.specKey}], ${JSON.stringify({ ...check, at: now.toISOString() })}::jsonb)
    where id = ${target.retailerId}`);
}

interface VersionRow {
  [k: string]: unknown;
  id: string;
  version_label: string;
  checksum: string;
  schema: Record<string, unknown>;
}

async function detect(tx: Tx, target: SpecTarget, fetched: FetchedSpec, now: Date): Promise<SpecCheckResult> {
  const checksum = specChecksum(fetched.schema);
  const key = target.specKey;
  const [current] = await tx.execute<VersionRow>(sql`
    select id, version_label, checksum, schema from retailer_spec_versions where retailer_id = ${target.retailerId} and retailer_product_type = ${key} and is_current`);
  let to: VersionRow;
  if (current && current.checksum === checksum) {
    const [recorded] = await tx.execute(sql`select 1 from spec_changes where to_version_id = ${current.id}`);
    const [prev] = recorded ? [] : await previousVersion(tx, target, current.id);
    if (!prev) return { status: 'unchanged', versionLabel: current.version_label };
    to = current; // resumed: the version was stored by an attempt whose change was not recorded yet
    return compare(tx, target, prev, to);
  }
  await tx.execute(sql`update retailer_spec_versions set is_current = false where retailer_id = ${target.retailerId} and retailer_product_type = ${key} and is_current`);
  [to] = (await tx.execute<VersionRow>(sql`
    insert into retailer_spec_versions (company_id, retailer_id, retailer_product_type, version_label, checksum, schema, fetched_at, is_current)
    values (${target.companyId}, ${target.retailerId}, ${key}, ${fetched.versionLabel}, ${checksum}, ${JSON.stringify(fetched.schema)}::jsonb, ${now.toISOString()}::timestamptz, true)
    on conflict (retailer_id, retailer_product_type, checksum) do update set is_current = true, fetched_at = excluded.fetched_at, version_label = excluded.version_label
    returning id, version_label, checksum, schema`)) as unknown as [VersionRow];
  if (!current) {
    await updateCategorySpecs(tx, target, fetched.versionLabel, null);
    return { status: 'baseline', versionLabel: fetched.versionLabel };
  }
  return compare(tx, target, current, to);
}

function previousVersion(tx: Tx, target: SpecTarget, currentId: string) {
  return tx.execute<VersionRow>(sql`
    select id, version_label, checksum, schema from retailer_spec_versions
    where retailer_id = ${target.retailerId} and retailer_product_type = ${target.specKey} and id <> ${currentId}
    order by fetched_at desc limit 1`);
}

async function compare(tx: Tx, target: SpecTarget, from: VersionRow, to: VersionRow): Promise<SpecCheckResult> {
  const types = target.types.map((t) => t.productType);
  const before = typeSchemas(target.source.style, from.schema, types);
  const after = typeSchemas(target.source.style, to.schema, types);
  const diffs = [];
  const affected = new Map<string, ProductImpact>();
  const mergedMap: Record<string, string> = {};
  for (const t of target.types) {
    const a = before[t.productType];
    const b = after[t.productType];
    if (!a || !b) continue;
    const d = mapDiff(diffSpecs(a, b), t.attributeMap);
    diffs.push(d);
    Object.assign(mergedMap, t.attributeMap);
    for (const hit of productsAffected(d, await listedProducts(tx, target.retailerId, t.categoryIds))) {
      const seen = affected.get(hit.productId);
      affected.set(hit.productId, seen ? { ...seen, reasons: [...new Set([...seen.reasons, ...hit.reasons])] } : hit);
    }
    await updateCategorySpecs(tx, target, to.version_label, { categoryIds: t.categoryIds, diff: d });
  }
  const diff = mapDiff(mergeDiffs(diffs), mergedMap);
  const list = [...affected.values()].sort((x, y) => x.sku.localeCompare(y.sku));
  return {
    status: 'changed', fromVersionId: from.id, fromLabel: from.version_label, toVersionId: to.id, toLabel: to.version_label,
    diff, affected: list, severity: changeSeverity(diff, list.length), empty: isEmptyDiff(diff),
  };
}

/** Products listed at the retailer (not delisted) in these categories, with their values (retailer-scoped over global). */
async function listedProducts(tx: Tx, retailerId: string, categoryIds: string[]): Promise<ImpactProduct[]> {
  const rows = await tx.execute<{ id: string; sku: string; brand: string | null; gtin: string | null; values: Record<string, unknown> | null }>(sql`
    select p.id, p.sku, p.brand, p.gtin,
      (select jsonb_object_agg(v.attribute_code, v.value order by v.channel_code) from product_values v
        where v.product_id = p.id and (v.channel_code = '' or v.channel_code = r.code)) as values
    from listings l join products p on p.id = l.product_id join retailers r on r.id = l.retailer_id
    where l.retailer_id = ${retailerId} and l.status <> 'delisted'
      and p.category_id in (select jsonb_array_elements_text(${JSON.stringify(categoryIds)}::jsonb)::uuid)
    order by p.sku`);
  return rows.map((r) => ({ id: r.id, sku: r.sku, values: { ...(r.brand ? { brand: { text: r.brand } } : {}), ...(r.gtin ? { gtin: { text: r.gtin } } : {}), ...(r.values ?? {}) } }));
}

/** New spec version on the category specs; required attributes gain the mapped new ones and lose the dropped ones. */
async function updateCategorySpecs(tx: Tx, target: SpecTarget, versionLabel: string, change: { categoryIds: string[]; diff: MappedDiff } | null) {
  const categoryIds = change?.categoryIds ?? target.types.flatMap((t) => t.categoryIds);
  const add = change ? change.diff.addedRequired.map((n) => change.diff.mapped[n]).filter((c): c is string => !!c) : [];
  const drop = change ? change.diff.removedRequired.map((n) => change.diff.mapped[n]).filter((c): c is string => !!c) : [];
  await tx.execute(sql`
    update retailer_category_specs set spec_version = ${versionLabel}, updated_at = now(),
      required_attributes = array(
        select u.a from unnest(required_attributes || ${`{${add.join(',')}}`}::text[]) with ordinality u(a, i)
        where u.a <> all(${`{${drop.join(',')}}`}::text[]) group by u.a order by min(u.i))
    where retailer_id = ${target.retailerId} and category_id in (select jsonb_array_elements_text(${JSON.stringify(categoryIds)}::jsonb)::uuid)`);
}
