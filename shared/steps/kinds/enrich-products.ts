import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';
import { CelSchema } from '../fields.ts';

/**
 * Runs the enrichment pipeline on the run's products (Claude, as a child run) and waits for it. Output: `jobId`,
 * `status`, `suggestions`, `autoApproved`, `pendingReview`, `failed`, `minConfidence` and `meanConfidence` (0–1), so
 * "if confidence ≥ 0.9 publish, else a person reviews" is a condition `steps.<id>.minConfidence >= 0.9`.
 */
export const enrichProductsStep = defineStep({
  kind: 'enrich_products',
  type: 'action',
  title: 'Enrich with Claude',
  icon: '✨',
  category: 'Data',
  description: 'Generates titles, bullets and descriptions and extracts attributes with Claude; confident, valid values are applied, the rest wait for review.',
  config: z
    .object({
      fields: z
        .array(z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'attribute codes, like title or roast_level'))
        .min(1, 'name at least one field')
        .max(30)
        .describe('Fields (attribute codes, one per line)'),
      retailer: z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a retailer code, like amazon_us').optional().describe('Write for this retailer (code, optional)'),
      products: CelSchema.optional().describe("Product ids (CEL list; default: the run's products)"),
    })
    .strict(),
  defaultConfig: { fields: ['title', 'bullets', 'description'] },
  summary: (c) => {
    const fields = Array.isArray(c.fields) ? c.fields.filter((f): f is string => typeof f === 'string') : [];
    return `${fields.length ? fields.join(', ') : 'No fields'}${str(c.retailer) ? ` for ${str(c.retailer)}` : ''}`;
  },
  requires: ['claude'],
});
