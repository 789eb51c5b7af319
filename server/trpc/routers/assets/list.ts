import { z } from 'zod';
import { CLAUDE_NOT_CONFIGURED, claudeConfigFromEnv } from '../../../services/ai/config.ts';
import { listProductAssets } from '../../../services/assets/queries.ts';
import { companyProcedure } from '../../init.ts';

/** A product's images with their per-retailer validations and Claude tags, and whether tagging can run at all. */
export const listAssetsProcedure = companyProcedure('read')
  .input(z.object({ productId: z.uuid(), includeArchived: z.boolean().default(false) }))
  .query(async ({ ctx, input }) => {
    const assets = await listProductAssets(ctx.tx, input.productId, input.includeArchived);
    // The functions read the same environment (claudeConfigFromEnv) when no test hands them a config.
    const configured = Boolean(claudeConfigFromEnv().apiKey);
    return { assets, tagging: configured ? { available: true as const, reason: null } : { available: false as const, reason: CLAUDE_NOT_CONFIGURED } };
  });
