/**
 * The input every copy-writing skill (generate_title, generate_bullets, generate_description) and extract_attributes
 * receives: the product, its source text and — for copy — the target retailer's text rules, so the model can comply
 * instead of being corrected afterwards. Evidence quotes must be copied verbatim from the source text: the pipeline
 * checks them and lowers confidence for anything it cannot find.
 */
import { z } from 'zod';

export const ProductBriefSchema = z.object({
  sku: z.string(),
  brand: z.string(),
  category: z.string(),
  /** Source text by field: supplier title, description, bullets, other text attributes. */
  source: z.record(z.string(), z.string()),
});

export const CopyInputSchema = z.object({
  product: ProductBriefSchema,
  /** The retailer the copy is for (code), or null for the global value. */
  retailer: z.string().nullable(),
  /** That retailer's text rules (DOMAIN.md §3.2): limits, prohibited characters and phrases. */
  rules: z.record(z.string(), z.unknown()),
  /** Attribute limits (maxLength, maxItems). */
  limits: z.record(z.string(), z.unknown()).optional(),
});
export type CopyInput = z.infer<typeof CopyInputSchema>;

export const EvidenceSchema = z.array(z.object({ sourceField: z.string(), quote: z.string() })).max(10);

export function renderBrief(input: CopyInput, what: string): string {
  const lines = [
    `Product ${input.product.sku} — brand ${input.product.brand}, category ${input.product.category}.`,
    `Write: ${what}${input.retailer ? ` for ${input.retailer}` : ''}.`,
    '',
    'Source text (quote evidence verbatim from here):',
    ...Object.entries(input.product.source).map(([k, v]) => `[${k}] ${v}`),
    '',
    `Retailer rules: ${JSON.stringify(input.rules)}`,
  ];
  if (input.limits) lines.push(`Attribute limits: ${JSON.stringify(input.limits)}`);
  return lines.join('\n');
}

export const COPY_SYSTEM = [
  'You write product detail page copy for a consumer-goods supplier.',
  'Use only facts present in the source text; never invent claims, certifications, sizes or identifiers.',
  'Follow the retailer rules exactly: length limits, no prohibited characters or promotional phrases, no prices, URLs or contact details.',
  'Return evidence: short verbatim quotes from the source text that support the facts you used, with the source field name.',
  'Confidence is your probability (0–1) that a category manager would publish the copy unchanged.',
].join('\n');
