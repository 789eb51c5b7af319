/** Reading assets for the gallery and the content endpoint (inside the company's RLS transaction). */
import { sql } from 'drizzle-orm';
import type { AssetRole, AssetStatus } from '../../../shared/assets/vocab.ts';
import type { Tx } from '../../db/client.ts';

export async function assetContent(tx: Tx, assetId: string) {
  const [row] = await tx.execute<{ storage_key: string; mime_type: string; sha256: string }>(sql`select storage_key, mime_type, sha256 from assets where id = ${assetId}`);
  return row ? { storageKey: row.storage_key, mimeType: row.mime_type, sha256: row.sha256 } : null;
}

export interface RuleResultView {
  rule: string;
  severity: 'info' | 'warning' | 'error';
  expected: unknown;
  actual: unknown;
  passed: boolean;
  message: string;
}

export interface AssetView {
  id: string;
  filename: string;
  mimeType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  colorSpace: string | null;
  isAnimated: boolean;
  role: AssetRole | null;
  suggestedRole: AssetRole | null;
  status: AssetStatus;
  createdAt: string;
  validations: { retailer: string; name: string; roleEvaluated: AssetRole; passed: boolean; results: RuleResultView[]; metrics: Record<string, unknown>; validatedAt: string }[];
  tags: {
    model: string | null; shotType: string | null; hasTextOverlay: boolean | null; hasWatermark: boolean | null; hasProps: boolean | null; hasPeople: boolean | null;
    productCount: number | null; dominantColors: string[]; detectedText: string[]; altText: string | null; matchesProduct: boolean | null; confidence: number | null;
  } | null;
  /** Why tagging produced nothing, when the Claude call failed for this asset. */
  taggingError: string | null;
}

export async function listProductAssets(tx: Tx, productId: string, includeArchived = false): Promise<AssetView[]> {
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select a.id, a.filename, a.mime_type, a.bytes, a.width, a.height, a.color_space, a.is_animated, a.role, a.suggested_role, a.status, a.created_at,
      coalesce((select jsonb_agg(jsonb_build_object('retailer', r.code, 'name', r.name, 'roleEvaluated', v.role_evaluated, 'passed', v.passed,
                 'results', v.results, 'metrics', v.metrics, 'validatedAt', v.validated_at) order by r.code)
        from asset_validations v join retailers r on r.id = v.retailer_id where v.asset_id = a.id), '[]'::jsonb) as validations,
      (select jsonb_build_object('model', t.model, 'shotType', t.shot_type, 'hasTextOverlay', t.has_text_overlay, 'hasWatermark', t.has_watermark,
                 'hasProps', t.has_props, 'hasPeople', t.has_people, 'productCount', t.product_count, 'dominantColors', to_jsonb(t.dominant_colors),
                 'detectedText', to_jsonb(t.detected_text), 'altText', t.alt_text, 'matchesProduct', t.matches_product, 'confidence', t.confidence)
        from asset_tags t where t.asset_id = a.id and t.source = 'claude') as tags,
      (select coalesce(ar.error->>'message', ar.error::text) from agent_runs ar
        where ar.correlation->>'assetId' = a.id::text and ar.skill_name = 'tag_image' and ar.status = 'failed'
          and not exists (select 1 from asset_tags t2 where t2.asset_id = a.id)
        order by ar.created_at desc limit 1) as tagging_error
    from assets a
    where a.product_id = ${productId} and (${includeArchived} or a.status <> 'archived')
    order by (a.role = 'main') desc nulls last, a.created_at, a.id`);
  return rows.map((r) => ({
    id: r.id as string,
    filename: r.filename as string,
    mimeType: r.mime_type as string,
    bytes: r.bytes as number,
    width: r.width as number | null,
    height: r.height as number | null,
    colorSpace: r.color_space as string | null,
    isAnimated: r.is_animated as boolean,
    role: r.role as AssetRole | null,
    suggestedRole: r.suggested_role as AssetRole | null,
    status: r.status as AssetStatus,
    createdAt: new Date(r.created_at as string).toISOString(),
    validations: r.validations as AssetView['validations'],
    tags: (r.tags as AssetView['tags']) ?? null,
    taggingError: (r.tagging_error as string | null) ?? null,
  }));
}
