/**
 * Seeds image rules and a few product images per demo company (DOMAIN.md §3.1, §4.4): retailers get the §3.1 rule
 * parameters where they have none, and a company without assets gets small generated images stored through the
 * AssetStore (EMBER_DATA_DIR/assets), validated and tagged like uploads — so the gallery, the isolation test and the
 * tasks have real rows. The off-white main image of FW-FOAM-LAV-10 is the one the seeded task T6 is about.
 */
import { sql } from 'drizzle-orm';
import { retailers } from '../../../drizzle/schema/index.ts';
import type { AssetRole } from '../../../shared/assets/vocab.ts';
import { DEFAULT_IMAGE_RULES } from '../../services/assets/default-rules.ts';
import { drawScene, type Scene } from '../../services/assets/draw.ts';
import { defaultAssetStore, type AssetStore } from '../../services/assets/store.ts';
import type { Tx } from '../../db/client.ts';
import { applyTags, type ImageTags } from '../../services/assets/tags.ts';
import { uploadAsset } from '../../services/assets/upload.ts';
import { validateAssetInTx } from '../../services/assets/validate.ts';

interface DemoAsset {
  sku: string;
  filename: string;
  role: AssetRole;
  scene: Scene;
  tags: ImageTags;
}

const WHITE = [255, 255, 255, 255] as const;
const packshot = (color: [number, number, number], label: [number, number, number], background: readonly [number, number, number, number] = WHITE): Scene => ({
  width: 1000, height: 1000, background: [...background], product: { width: 880, height: 900, color, label },
});
const tags = (t: Partial<ImageTags> & Pick<ImageTags, 'shot_type' | 'alt_text'>): ImageTags => ({
  has_text_overlay: false, has_watermark: false, has_props: false, has_people: false, product_count: 1, dominant_colors: [], detected_text: [], matches_product: true, confidence: 0.92, ...t,
});

const DEMO_ASSETS: Record<string, DemoAsset[]> = {
  'copper-kettle': [
    { sku: 'LPC-GRD-HB-12', filename: 'LPC-GRD-HB-12_main.jpg', role: 'main', scene: packshot([176, 92, 38], [92, 44, 20]), tags: tags({ shot_type: 'packshot_white', dominant_colors: ['copper', 'brown', 'white'], detected_text: ['Lantern Peak', 'House Blend'], alt_text: 'Lantern Peak House Blend ground coffee bag on white' }) },
    {
      sku: 'LPC-GRD-HB-12', filename: 'LPC-GRD-HB-12_kitchen.jpg', role: 'secondary',
      scene: { width: 1000, height: 1000, background: [70, 120, 60, 255], floor: [120, 80, 45], product: { width: 320, height: 440 } },
      tags: tags({ shot_type: 'lifestyle', has_props: true, dominant_colors: ['green', 'brown'], alt_text: 'Coffee bag on a kitchen counter' }),
    },
    { sku: 'FW-FOAM-LAV-10', filename: 'FW-FOAM-LAV-10_main.jpg', role: 'main', scene: packshot([150, 120, 190], [90, 60, 130], [245, 245, 245, 255]), tags: tags({ shot_type: 'packshot_white', dominant_colors: ['lavender', 'light grey'], detected_text: ['Fernwell'], alt_text: 'Fernwell lavender foaming hand soap bottle', confidence: 0.78 }) },
  ],
  bluewater: [
    { sku: 'BW-TWL-NVY', filename: 'BW-TWL-NVY_main.jpg', role: 'main', scene: packshot([30, 50, 100], [20, 30, 70]), tags: tags({ shot_type: 'packshot_white', dominant_colors: ['navy', 'white'], alt_text: 'Folded navy bath towel on white' }) },
  ],
};

export async function seedAssets(tx: Tx, companyId: string, slug: string, userIds: Map<string, string>, store: AssetStore = defaultAssetStore(), now = new Date()): Promise<void> {
  for (const r of await tx.select({ id: retailers.id, code: retailers.code, imageRules: retailers.imageRules }).from(retailers)) {
    const rules = DEFAULT_IMAGE_RULES[r.code];
    if (rules && Object.keys(r.imageRules ?? {}).length === 0) await tx.execute(sql`update retailers set image_rules = ${JSON.stringify(rules)}::jsonb where id = ${r.id}`);
  }
  const list = DEMO_ASSETS[slug];
  if (!list) return;
  const [{ n } = { n: 0 }] = await tx.execute<{ n: number }>(sql`select count(*)::int n from assets`);
  if (n > 0) return;
  const [admin] = await tx.execute<{ user_id: string }>(sql`select user_id from memberships where company_id = ${companyId} and role = 'admin' order by user_id limit 1`);
  const uploader = admin?.user_id ?? [...userIds.values()][0]!;
  for (const a of list) {
    const [product] = await tx.execute<{ id: string }>(sql`select id from products where sku = ${a.sku}`);
    if (!product) continue;
    const bytes = await drawScene(a.scene).flatten({ background: '#ffffff' }).jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer();
    const { asset } = await uploadAsset(tx, store, { companyId, userId: uploader, productId: product.id, role: a.role, filename: a.filename, bytes });
    // The seeded tasks already cover the demo's image problems (T6): validation records results without opening more.
    await validateAssetInTx(tx, store, companyId, asset.id, now, { openTasks: false });
    await applyTags(tx, { companyId, assetId: asset.id, tags: a.tags, model: 'claude-sonnet-4-5', raw: a.tags, now, minConfidence: 1.01 });
  }
}
