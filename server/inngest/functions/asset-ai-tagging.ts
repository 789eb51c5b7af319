/**
 * asset-ai-tagging (DOMAIN.md F15): on `asset/uploaded` (in parallel with validation), asks Claude's `tag_image`
 * skill what the image shows — through claude-agent-runner, which downscales it to ≤ 1568 px JPEG — then stores the
 * tags, suggests a role and opens tasks for a non-compliant main image or a wrong image (services/assets/tags.ts).
 * Tags already stored for the asset are reused (same bytes, same answer), so a role change costs no Claude call.
 * A failed call (no API key, bad request) leaves no tags; the runner's ledger keeps the reason the gallery shows.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { sql } from 'drizzle-orm';
import { withCompany } from '../../db/tx.ts';
import { callSkill } from '../../services/ai/invocation.ts';
import { taskCreatedEvent } from '../../services/assets/image-tasks.ts';
import { applyTags, existingTags, ImageTagsSchema } from '../../services/assets/tags.ts';
import { inngest } from '../client.ts';
import { assetUploaded } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

interface Context {
  [k: string]: unknown;
  filename: string;
  sha256: string;
  status: string;
  product_id: string | null;
  sku: string | null;
  brand: string | null;
  category: string | null;
  title: string | null;
  color: string | null;
  pack_size: string | null;
}

const text = (v: unknown): string | null => {
  if (v && typeof v === 'object' && 'text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
  if (v && typeof v === 'object' && 'amount' in v) return `${(v as { amount: unknown }).amount} ${(v as { unit?: unknown }).unit ?? ''}`.trim();
  return typeof v === 'string' ? v : null;
};

export function assetAiTagging(deps: FunctionDeps) {
  const now = deps.now ?? (() => new Date());
  return inngest.createFunction(
    { id: FUNCTION_IDS.assetAiTagging, name: 'Asset AI tagging', triggers: [assetUploaded], concurrency: { key: 'event.data.companyId', limit: 2 }, retries: 2 },
    async ({ event, step }) => {
      const { companyId, assetId } = event.data;
      const ctx = await step.run('load', () =>
        withCompany(deps.db, companyId, async (tx) => {
          const [a] = await tx.execute<Context>(sql`
            select a.filename, a.sha256, a.status, a.product_id, p.sku, p.brand, c.name as category,
              (select value from product_values v where v.product_id = p.id and v.attribute_code = 'title' and v.channel_code = '' limit 1) as title,
              (select value from product_values v where v.product_id = p.id and v.attribute_code in ('color', 'colour') and v.channel_code = '' limit 1) as color,
              (select value from product_values v where v.product_id = p.id and v.attribute_code = 'net_content' and v.channel_code = '' limit 1) as pack_size
            from assets a left join products p on p.id = a.product_id left join categories c on c.id = p.category_id where a.id = ${assetId}`);
          if (!a) return null;
          const known = await existingTags(tx, assetId);
          return { ...a, title: text(a.title), color: text(a.color), pack_size: text(a.pack_size), known };
        }),
      );
      if (!ctx || ctx.status === 'archived') return { tagged: false, reason: ctx ? 'archived' : 'no such asset' };

      let tags = ctx.known?.tags ?? null;
      let model = ctx.known?.model ?? null;
      if (!tags) {
        let res: Awaited<ReturnType<typeof callSkill>>;
        try {
          res = await callSkill(step, 'tag-image', {
            companyId,
            skill: 'tag_image',
            image: { storageKey: event.data.storageKey },
            input: { assetId, sha256: ctx.sha256, filename: ctx.filename, sku: ctx.sku, title: ctx.title, brand: ctx.brand, category: ctx.category, expectedColors: ctx.color ? [ctx.color] : [], packSize: ctx.pack_size },
            correlation: { assetId, ...(ctx.product_id ? { productId: ctx.product_id } : {}) },
          });
        } catch (err) {
          // Not configured, a bad request, output invalid twice: the runner has recorded why; this asset stays untagged
          // and its validation is unaffected.
          return { tagged: false, reason: (err as Error).message };
        }
        tags = ImageTagsSchema.parse(res.output);
        model = res.model;
      }
      const applied = await step.run('apply-tags', () => withCompany(deps.db, companyId, (tx) => applyTags(tx, { companyId, assetId, tags: tags!, model, raw: tags!, now: now() })));
      if (applied.createdTaskIds.length) await step.sendEvent('tasks-created', applied.createdTaskIds.map((id) => taskCreatedEvent(companyId, id)));
      return { tagged: true, reused: Boolean(ctx.known), shotType: tags.shot_type, suggestedRole: applied.suggestedRole, tasks: applied.createdTaskIds.length, problems: applied.problems };
    },
  );
}
