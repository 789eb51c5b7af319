import { z } from 'zod';
import { ProductBriefSchema } from './copy-io.ts';
import { defineSkill } from './define.ts';

/**
 * Structured attribute values read out of the supplier's free text: per field a value (an option code for selects,
 * "12 oz" for measures), the model's confidence and verbatim evidence quotes. Null when the text does not say.
 */
export const extractAttributesSkill = defineSkill({
  name: 'extract_attributes',
  version: 1,
  systemPrompt: [
    'You extract product attribute values from a supplier\'s product text.',
    'Only report what the text states. For select attributes answer with one of the listed option codes; for measures answer like "12 oz" or "32 fl oz"; for numbers a number.',
    'If the text does not state a value, answer null with confidence 0.',
    'Evidence: verbatim quotes from the source text that state the value.',
  ].join('\n'),
  input: z.object({
    product: ProductBriefSchema,
    attributes: z.array(z.object({ code: z.string(), label: z.string(), type: z.string(), options: z.array(z.string()).optional() })).min(1),
  }),
  output: z.object({
    fields: z.record(
      z.string(),
      z.object({
        value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
        confidence: z.number().min(0).max(1),
        evidence: z.array(z.string()).max(10),
      }),
    ),
  }),
  maxTokens: 1024,
  render: (input) =>
    [
      `Product ${input.product.sku} — brand ${input.product.brand}, category ${input.product.category}.`,
      'Attributes to extract:',
      ...input.attributes.map((a) => `- ${a.code} (${a.label}, ${a.type}${a.options ? `; one of ${a.options.join(', ')}` : ''})`),
      '',
      'Source text:',
      ...Object.entries(input.product.source).map(([k, v]) => `[${k}] ${v}`),
    ].join('\n'),
});
