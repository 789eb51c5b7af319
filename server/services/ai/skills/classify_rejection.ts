/** classify_rejection: turns a retailer's rejection message into a category and a concrete fix for the ops team. */
import { z } from 'zod';
import { defineSkill } from './define.ts';

export const classifyRejection = defineSkill({
  name: 'classify_rejection',
  version: 1,
  systemPrompt:
    'You triage product listing rejections from retailers (Amazon, Walmart, Target Plus) for a consumer-goods supplier. ' +
    'Classify the rejection, name the attribute it concerns when there is one, and say in one or two plain sentences what ' +
    'the content team must change. Never invent attribute values. Use only the information given.',
  input: z.object({
    retailer: z.string().min(1),
    message: z.string().min(1),
    code: z.string().optional(),
    field: z.string().optional(),
    product: z.object({ sku: z.string(), title: z.string().optional() }).optional(),
  }),
  output: z.object({
    category: z.enum(['missing_attribute', 'invalid_value', 'image', 'title_or_copy', 'policy', 'system', 'other']),
    attribute: z.string().nullable(),
    fix: z.string().min(1),
    confidence: z.number().min(0).max(1),
  }),
  maxTokens: 400,
  render: (i) =>
    [`Retailer: ${i.retailer}`, i.code ? `Code: ${i.code}` : '', i.field ? `Field: ${i.field}` : '', i.product ? `Product: ${i.product.sku}${i.product.title ? ` — ${i.product.title}` : ''}` : '', `Message: ${i.message}`]
      .filter(Boolean)
      .join('\n'),
});
