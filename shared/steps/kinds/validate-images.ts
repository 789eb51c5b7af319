import { z } from 'zod';
import { defineStep } from '../define-step.ts';
import { CelSchema } from '../fields.ts';

/**
 * Checks the run's product images against every retailer's image rules now (the asset-validation function, invoked
 * as a child run). Output: `passed` (no error anywhere), `errors`, `warnings`, `assets` checked and `perRetailer`
 * (`{amazon_us: {passed, errors, warnings}, …}`), e.g. a following condition `steps.<id>.passed`.
 */
export const validateImagesStep = defineStep({
  kind: 'validate_images',
  type: 'action',
  title: 'Validate images',
  icon: '🖼️',
  category: 'Data',
  description: "Checks the product's images against each retailer's image rules (format, size, colour space, white background, fill) and records the results.",
  config: z
    .object({
      products: CelSchema.optional().describe("Product ids (CEL list; default: the run's product)"),
    })
    .strict(),
  defaultConfig: {},
  summary: (c) => (typeof c.products === 'string' && c.products ? `Images of ${c.products}` : "The run's product images"),
});
