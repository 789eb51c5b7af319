import { z } from 'zod';
import { defineStep, str } from '../define-step.ts';
import { CelSchema } from '../fields.ts';

const CodeSchema = z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'an attribute code, like net_content');

/**
 * Writes one product field as the workflow. The change is recorded with this run as its origin, so it never
 * retriggers the same workflow (the field-changed loop guard), while other workflows watching the field still see it.
 */
export const updateProductFieldStep = defineStep({
  kind: 'update_product_field',
  type: 'action',
  title: 'Update product field',
  icon: '✎',
  category: 'Data',
  description: "Sets a product's field to a computed value (history names this run; it does not retrigger this workflow).",
  config: z
    .object({
      product: CelSchema.default('event.data.productId').describe('Product id (CEL)'),
      attribute: CodeSchema.describe('Attribute code'),
      value: CelSchema.describe('New value (CEL): text such as "12 oz", or the value object; null clears it'),
      retailer: CodeSchema.optional().describe('Only for this retailer (code, optional)'),
    })
    .strict(),
  defaultConfig: { product: 'event.data.productId', attribute: '', value: '' },
  summary: (c) => (str(c.attribute) ? `Sets ${str(c.attribute)}` : 'No field yet'),
});
