import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';
import { CelSchema } from '../fields.ts';

/**
 * Audits products against retailer specs and text rules now, inside the run. Output: `errors`, `warnings`, the lowest
 * `score` and one entry per retailer in `audits`, e.g. a following condition `steps.<id>.errors == 0`.
 */
export const runAuditStep = defineStep({
  kind: 'run_audit',
  type: 'action',
  title: 'Run audit',
  icon: '🔎',
  category: 'Data',
  description: "Checks the run's products against each retailer's required attributes and text rules, and records the findings.",
  config: z
    .object({
      products: CelSchema.optional().describe("Product ids (CEL list; default: the run's product)"),
      retailer: z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a retailer code, like walmart_us').optional().describe('Only this retailer (code, optional)'),
    })
    .strict(),
  defaultConfig: {},
  summary: (c) => (str(c.retailer) ? `Audits at ${str(c.retailer)}` : 'Audits at every retailer'),
});
