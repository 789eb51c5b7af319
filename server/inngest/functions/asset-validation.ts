/**
 * asset-validation (DOMAIN.md F14): on `asset/uploaded`, measures the image and checks it against the image rules of
 * every retailer the product is listed at (services/assets/validate.ts), one durable step per asset; tasks it opens go
 * to the orchestrator through `task/created`. Also invoked by the `validate_images` workflow step with
 * `{companyId, productIds}`: then it validates every active image of those products and returns the totals a
 * following condition reads (`passed`, `errors`, `warnings`, `perRetailer`).
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { sql } from 'drizzle-orm';
import { invoke } from 'inngest';
import { z } from 'zod';
import { defaultAssetStore } from '../../services/assets/store.ts';
import { withCompany } from '../../db/tx.ts';
import { taskCreatedEvent } from '../../services/assets/image-tasks.ts';
import type { ValidateImagesOutput } from '../../services/assets/images-summary.ts';
import { validateAsset, type AssetValidationSummary } from '../../services/assets/validate.ts';
import { inngest } from '../client.ts';
import { assetUploaded } from '../events.ts';
import type { FunctionDeps } from './deps.ts';

export const ASSET_VALIDATION_ID = FUNCTION_IDS.assetValidation;

/** What the validate_images step sends when it invokes this function. */
export const ValidateImagesCallSchema = z.object({
  companyId: z.string().uuid(),
  productIds: z.array(z.string().uuid()).max(500),
  workflowRunId: z.string().uuid().optional(),
});


export function summarize(list: AssetValidationSummary[]): ValidateImagesOutput {
  const done = list.filter((s) => s.status !== 'skipped');
  const perRetailer: ValidateImagesOutput['perRetailer'] = {};
  for (const s of done) {
    for (const r of s.perRetailer) {
      const acc = (perRetailer[r.retailer] ??= { passed: true, errors: 0, warnings: 0 });
      acc.passed &&= r.passed;
      acc.errors += r.errors;
      acc.warnings += r.warnings;
    }
  }
  return {
    passed: done.every((s) => s.passed),
    errors: done.reduce((n, s) => n + s.errors, 0),
    warnings: done.reduce((n, s) => n + s.warnings, 0),
    assets: done.length,
    perRetailer,
    results: done.map((s) => ({ assetId: s.assetId, productId: s.productId, role: s.role, status: s.status, passed: s.passed, errors: s.errors, warnings: s.warnings })),
  };
}

export function assetValidation(deps: FunctionDeps) {
  const store = deps.assets ?? defaultAssetStore();
  const now = deps.now ?? (() => new Date());
  return inngest.createFunction(
    { id: ASSET_VALIDATION_ID, name: 'Asset validation', triggers: [assetUploaded, invoke(ValidateImagesCallSchema)], concurrency: { key: 'event.data.companyId', limit: 4 }, retries: 3 },
    async ({ event, step }) => {
      let companyId: string;
      let assetIds: string[];
      if (event.name === assetUploaded.name) {
        companyId = event.data.companyId;
        assetIds = [event.data.assetId];
      } else {
        const call = ValidateImagesCallSchema.parse(event.data);
        companyId = call.companyId;
        assetIds = await step.run('list-assets', () =>
          withCompany(deps.db, call.companyId, async (tx) =>
            (await tx.execute<{ id: string }>(sql`
              select id from assets where product_id in (select jsonb_array_elements_text(${JSON.stringify(call.productIds)}::jsonb)::uuid)
                and status <> 'archived' order by product_id, created_at, id`)).map((r) => r.id),
          ),
        );
      }
      const summaries: AssetValidationSummary[] = [];
      for (const assetId of assetIds) summaries.push(await step.run(`validate:${assetId}`, () => validateAsset(deps.db, store, companyId, assetId, now())));
      const tasks = summaries.flatMap((s) => s.createdTaskIds.map((id) => taskCreatedEvent(companyId, id)));
      if (tasks.length) await step.sendEvent('tasks-created', tasks);
      return summarize(summaries);
    },
  );
}
