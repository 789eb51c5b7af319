/**
 * asset-validation's work (DOMAIN.md F14): measure an asset's bytes once, evaluate each retailer's image rules for
 * the asset's role, upsert one `asset_validations` row per retailer, set the asset's measurements and status, and open
 * an `image_noncompliant` task when a main image of an active listing fails an error rule. Retailers: those the
 * product is listed at (any listing status: "is or will be listed"); a product with no listings is checked against
 * every retailer of the company. Idempotent: rows are upserted, the task is keyed by asset.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { assets, assetValidations } from '../../../drizzle/schema/index.ts';
import type { AssetRole } from '../../../shared/assets/vocab.ts';
import type { AssetStore } from './store.ts';
import { measureImage, NotAnImageError, type ImageMetrics, type MeasurementParams } from './measure.ts';
import { evaluateImageRules, ImageRulesSchema, rulesFor, type RuleResult } from './rules.ts';
import type { Db, Tx } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import { openImageTask } from './image-tasks.ts';

export interface RetailerVerdict {
  retailer: string;
  name: string;
  passed: boolean;
  errors: number;
  warnings: number;
  failed: { rule: string; severity: string }[];
}

export interface AssetValidationSummary {
  assetId: string;
  productId: string | null;
  /** 'skipped' when the asset is gone or archived. */
  status: 'validated' | 'invalid' | 'skipped';
  role: AssetRole;
  passed: boolean;
  errors: number;
  warnings: number;
  perRetailer: RetailerVerdict[];
  /** Tasks this call opened (send `task/created` for each). */
  createdTaskIds: string[];
  problem?: string;
}

interface AssetRow {
  [k: string]: unknown;
  id: string;
  product_id: string | null;
  storage_key: string;
  role: AssetRole | null;
  status: string;
  filename: string;
  sku: string | null;
  category_code: string | null;
}

interface RetailerRow {
  [k: string]: unknown;
  id: string;
  code: string;
  name: string;
  image_rules: unknown;
  listing_status: string | null;
}

/** In its own RLS transaction (the function's step). */
export function validateAsset(db: Db, store: AssetStore, companyId: string, assetId: string, now: Date): Promise<AssetValidationSummary> {
  return withCompany(db, companyId, (tx) => validateAssetInTx(tx, store, companyId, assetId, now));
}

/** Inside a transaction already scoped to the company (the seed uses this). */
export async function validateAssetInTx(tx: Tx, store: AssetStore, companyId: string, assetId: string, now: Date, opts: { openTasks?: boolean } = {}): Promise<AssetValidationSummary> {
  const loaded = await (async () => {
    const [asset] = await tx.execute<AssetRow>(sql`
      select a.id, a.product_id, a.storage_key, a.role, a.status, a.filename, p.sku, c.code as category_code
      from assets a left join products p on p.id = a.product_id left join categories c on c.id = p.category_id
      where a.id = ${assetId}`);
    if (!asset) return null;
    const retailers = await tx.execute<RetailerRow>(sql`
      select r.id, r.code, r.name, r.image_rules, l.status::text as listing_status
      from retailers r left join listings l on l.retailer_id = r.id and l.product_id = ${asset.product_id}
      where ${asset.product_id}::uuid is null or l.id is not null
         or not exists (select 1 from listings l2 where l2.product_id = ${asset.product_id})
      order by r.code`);
    return { asset, retailers };
  })();
  const role: AssetRole = loaded?.asset.role ?? 'secondary';
  const skipped = (problem: string): AssetValidationSummary => ({ assetId, productId: loaded?.asset.product_id ?? null, status: 'skipped', role, passed: false, errors: 0, warnings: 0, perRetailer: [], createdTaskIds: [], problem });
  if (!loaded) return skipped('no such asset');
  const { asset, retailers } = loaded;
  if (asset.status === 'archived') return skipped('archived');

  const bytes = await store.read(asset.storage_key).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (!bytes) return skipped('the file is missing from the asset store');
  const measured = new Map<string, ImageMetrics>();
  const measure = async (params: MeasurementParams) => {
    const key = JSON.stringify(params);
    if (!measured.has(key)) measured.set(key, await measureImage(bytes, params));
    return measured.get(key)!;
  };

  let base: ImageMetrics;
  try {
    base = await measure(ImageRulesSchema.parse({}).measurement);
  } catch (err) {
    if (!(err instanceof NotAnImageError)) throw err;
    await tx.update(assets).set({ status: 'invalid' }).where(eq(assets.id, assetId));
    return { ...skipped(err.message), status: 'invalid' };
  }

  const verdicts: (RetailerVerdict & { retailerId: string; active: boolean; results: RuleResult[]; metrics: ImageMetrics })[] = [];
  for (const r of retailers) {
    const config = ImageRulesSchema.safeParse(r.image_rules ?? {});
    if (!config.success) continue; // A hand-edited, broken rule set checks nothing rather than failing every upload.
    const rules = rulesFor(config.data, asset.category_code);
    if (rules.length === 0) continue;
    const metrics = await measure(config.data.measurement);
    const e = evaluateImageRules(rules, metrics, role);
    verdicts.push({
      retailerId: r.id, retailer: r.code, name: r.name, active: r.listing_status === 'active', passed: e.passed, errors: e.errors, warnings: e.warnings,
      failed: e.results.filter((x) => !x.passed).map((x) => ({ rule: x.rule, severity: x.severity })), results: e.results, metrics,
    });
  }
  const passed = verdicts.every((v) => v.passed);
  const status = passed ? 'validated' : 'invalid';

  const createdTaskIds = await (async () => {
    for (const v of verdicts) {
      const metrics = { longestSide: v.metrics.longestSide, width: v.metrics.width, height: v.metrics.height, aspect: v.metrics.aspect, borderWhiteRatio: v.metrics.borderWhiteRatio, fillRatio: v.metrics.fillRatio, fillAreaRatio: v.metrics.fillAreaRatio, bytes: v.metrics.bytes, format: v.metrics.format, colorSpace: v.metrics.colorSpace, frames: v.metrics.frames };
      await tx
        .insert(assetValidations)
        .values({ companyId, assetId, retailerId: v.retailerId, roleEvaluated: role, passed: v.passed, results: v.results as unknown as Record<string, unknown>[], metrics, validatedAt: now })
        .onConflictDoUpdate({ target: [assetValidations.assetId, assetValidations.retailerId, assetValidations.roleEvaluated], set: { passed: v.passed, results: v.results as unknown as Record<string, unknown>[], metrics, validatedAt: now } });
    }
    // Results for a role the asset no longer has would mislead: the current role's rows are the record.
    await tx.delete(assetValidations).where(and(eq(assetValidations.assetId, assetId), ne(assetValidations.roleEvaluated, role)));
    await tx
      .update(assets)
      .set({ width: base.width, height: base.height, channels: base.channels, colorSpace: base.colorSpace, isAnimated: base.isAnimated, dhash: base.dhash, status })
      .where(and(eq(assets.id, assetId), ne(assets.status, 'archived')));

    const failing = verdicts.filter((v) => v.active && v.errors > 0);
    if (role !== 'main' || failing.length === 0 || opts.openTasks === false) return [];
    const rules = [...new Set(failing.flatMap((v) => v.failed.filter((f) => f.severity === 'error').map((f) => f.rule)))].sort();
    const task = await openImageTask(tx, {
      companyId, assetId, productId: asset.product_id, retailerId: failing.length === 1 ? failing[0]!.retailerId : null, reason: 'validation', now,
      title: `${asset.sku ?? asset.filename}: main image fails ${failing.map((v) => v.name).join(', ')}`,
      description: failing.flatMap((v) => v.results.filter((x) => !x.passed && x.severity === 'error').map((x) => `• ${v.name} ${x.rule}: expected ${String(x.expected)}, got ${String(x.actual)}`)).join('\n'),
      rule: rules.join('+'),
      raw: { rules, retailers: failing.map((v) => v.retailer), filename: asset.filename },
    });
    return task.created ? [task.taskId] : [];
  })();

  return {
    assetId, productId: asset.product_id, status, role, passed,
    errors: verdicts.reduce((n, v) => n + v.errors, 0),
    warnings: verdicts.reduce((n, v) => n + v.warnings, 0),
    perRetailer: verdicts.map(({ retailer, name, passed: p, errors, warnings, failed }) => ({ retailer, name, passed: p, errors, warnings, failed })),
    createdTaskIds,
  };
}
