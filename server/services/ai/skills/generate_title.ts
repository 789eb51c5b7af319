import { z } from 'zod';
import { COPY_SYSTEM, CopyInputSchema, EvidenceSchema, renderBrief } from './copy-io.ts';
import { defineSkill } from './define.ts';

/** A retailer-compliant product title (brand first, key attributes such as size and count, no promo language). */
export const generateTitleSkill = defineSkill({
  name: 'generate_title',
  version: 1,
  systemPrompt: `${COPY_SYSTEM}\nTitles start with the brand, name the product type and include size or count ("12 oz", "24 Count"). Prefer under 80 characters.`,
  input: CopyInputSchema,
  output: z.object({
    title: z.string().min(1).max(500),
    confidence: z.number().min(0).max(1),
    rationale: z.string().max(1000),
    evidence: EvidenceSchema,
  }),
  maxTokens: 512,
  render: (input) => renderBrief(input, 'one product title'),
});
