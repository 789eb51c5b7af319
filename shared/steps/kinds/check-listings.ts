import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';
import { CelSchema } from '../fields.ts';

/**
 * Checks the live retailer product pages of the run's products now (the watchdog, invoked as a child run): drift
 * against what was syndicated, findings and tasks recorded as in a sweep. Output: the lowest `score` (0–100) and its
 * `band`, `findings` (warning and critical) and `critical`, e.g. a following condition `steps.<id>.critical == 0`.
 */
export const checkListingsStep = defineStep({
  kind: 'check_listings',
  type: 'action',
  title: 'Check listings',
  icon: '🛒',
  category: 'Data',
  description: "Fetches the product's retailer pages and scores them against the content last syndicated (title, bullets, description, hero image, pack size).",
  config: z
    .object({
      products: CelSchema.optional().describe("Product ids (CEL list; default: the run's product)"),
      retailer: z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a retailer code, like walmart_us').optional().describe('Only this retailer (code, optional)'),
    })
    .strict(),
  defaultConfig: {},
  summary: (c) => (str(c.retailer) ? `Checks pages at ${str(c.retailer)}` : 'Checks pages at every retailer'),
});
