/**
 * Recording what Claude saw in an image (DOMAIN.md F15 steps 3–5): upsert the `asset_tags` row, suggest a role from
 * the shot type, and open tasks — a main image with text, a watermark, props or a non-packshot (Amazon: nothing but
 * the product on MAIN; Walmart: no graphics, logos, watermarks, overlays or text on the primary image), and an image
 * that does not show the product. Only confident tags (≥ minConfidence) open tasks.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { assets, assetTags } from '../../../drizzle/schema/index.ts';
import { SHOT_TYPES, type AssetRole, type ShotType } from '../../../shared/assets/vocab.ts';
import type { Tx } from '../../db/client.ts';
import { openImageTask } from './image-tasks.ts';

/** The tag_image skill's structured output (DOMAIN.md F15 step 2). */
export const ImageTagsSchema = z.object({
  shot_type: z.enum(SHOT_TYPES),
  has_text_overlay: z.boolean(),
  has_watermark: z.boolean(),
  has_props: z.boolean(),
  has_people: z.boolean(),
  product_count: z.number().int().min(0),
  dominant_colors: z.array(z.string()).max(8),
  detected_text: z.array(z.string()).max(20),
  alt_text: z.string().max(300),
  matches_product: z.boolean().nullable(),
  confidence: z.number().min(0).max(1),
});
export type ImageTags = z.infer<typeof ImageTagsSchema>;

export const TAG_TASK_MIN_CONFIDENCE = 0.8;

export const SUGGESTED_ROLE = {
  packshot_white: 'main',
  lifestyle: 'lifestyle',
  infographic: 'infographic',
  packaging: 'packaging',
  detail: 'secondary',
  swatch: 'swatch',
  size_chart: 'infographic',
} as const satisfies Record<ShotType, AssetRole>;

/** Why a main image is not compliant according to its tags (empty: it is). */
export function mainImageProblems(t: ImageTags): string[] {
  const out: string[] = [];
  if (t.has_text_overlay) out.push('text overlay');
  if (t.has_watermark) out.push('watermark');
  if (t.has_props) out.push('props');
  if (t.shot_type !== 'packshot_white') out.push(`${t.shot_type.replace('_', ' ')} shot, not a white-background packshot`);
  return out;
}

export interface ApplyTagsResult {
  suggestedRole: AssetRole | null;
  createdTaskIds: string[];
  problems: string[];
}

export async function applyTags(tx: Tx, p: { companyId: string; assetId: string; tags: ImageTags; model: string | null; raw: Record<string, unknown>; now: Date; minConfidence?: number }): Promise<ApplyTagsResult> {
  const [asset] = await tx.execute<{ role: AssetRole | null; product_id: string | null; filename: string; sku: string | null; status: string }>(sql`
    select a.role, a.product_id, a.filename, p.sku, a.status from assets a left join products p on p.id = a.product_id where a.id = ${p.assetId}`);
  if (!asset) return { suggestedRole: null, createdTaskIds: [], problems: [] };
  const t = p.tags;
  const values = {
    model: p.model, shotType: t.shot_type, hasTextOverlay: t.has_text_overlay, hasWatermark: t.has_watermark, hasProps: t.has_props, hasPeople: t.has_people,
    productCount: t.product_count, dominantColors: t.dominant_colors, detectedText: t.detected_text, altText: t.alt_text, matchesProduct: t.matches_product,
    confidence: Math.round(t.confidence * 100) / 100, raw: p.raw,
  };
  await tx.insert(assetTags).values({ companyId: p.companyId, assetId: p.assetId, source: 'claude', ...values, createdAt: p.now }).onConflictDoUpdate({ target: [assetTags.assetId, assetTags.source], set: values });

  const suggested = SUGGESTED_ROLE[t.shot_type];
  const suggestedRole = suggested === asset.role ? null : suggested;
  await tx.update(assets).set({ suggestedRole }).where(eq(assets.id, p.assetId));

  const confident = t.confidence >= (p.minConfidence ?? TAG_TASK_MIN_CONFIDENCE);
  const createdTaskIds: string[] = [];
  const problems = asset.role === 'main' && confident ? mainImageProblems(t) : [];
  const label = asset.sku ?? asset.filename;
  if (asset.status !== 'archived' && problems.length) {
    const task = await openImageTask(tx, {
      companyId: p.companyId, assetId: p.assetId, productId: asset.product_id, retailerId: null, reason: 'tags', now: p.now,
      title: `${label}: main image has ${problems[0]}`,
      description: `Claude (${Math.round(t.confidence * 100)}% confident) sees: ${problems.join(', ')}. Amazon allows no text, logos, watermarks or props on MAIN; Walmart no graphics, overlays or text on the primary image.`,
      rule: 'AMZ_MAIN_NO_EXTRAS+WMT_MAIN_NO_GRAPHICS',
      raw: { problems, shotType: t.shot_type, detectedText: t.detected_text, confidence: t.confidence },
    });
    if (task.created) createdTaskIds.push(task.taskId);
  }
  if (asset.status !== 'archived' && confident && t.matches_product === false) {
    const task = await openImageTask(tx, {
      companyId: p.companyId, assetId: p.assetId, productId: asset.product_id, retailerId: null, reason: 'wrong_image', now: p.now,
      title: `${label}: image may show the wrong product`,
      description: `Claude (${Math.round(t.confidence * 100)}% confident) says ${asset.filename} does not match the product. ${t.alt_text}`,
      rule: 'wrong_image',
      raw: { shotType: t.shot_type, confidence: t.confidence },
    });
    if (task.created) createdTaskIds.push(task.taskId);
  }
  return { suggestedRole, createdTaskIds, problems };
}

export async function existingTags(tx: Tx, assetId: string): Promise<{ tags: ImageTags; model: string | null } | null> {
  const [row] = await tx.select().from(assetTags).where(and(eq(assetTags.assetId, assetId), eq(assetTags.source, 'claude')));
  if (!row) return null;
  const parsed = ImageTagsSchema.safeParse(row.raw);
  return parsed.success ? { tags: parsed.data, model: row.model } : null;
}
