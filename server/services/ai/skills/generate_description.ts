import { z } from 'zod';
import { COPY_SYSTEM, CopyInputSchema, EvidenceSchema, renderBrief } from './copy-io.ts';
import { defineSkill } from './define.ts';

/** A plain-text product description (no HTML but <br>), at least the retailer's minimum word count. */
export const generateDescriptionSkill = defineSkill({
  name: 'generate_description',
  version: 1,
  systemPrompt: `${COPY_SYSTEM}\nDescriptions: plain sentences in sentence case, 80–200 words, no HTML.`,
  input: CopyInputSchema,
  output: z.object({
    description: z.string().min(1).max(5000),
    confidence: z.number().min(0).max(1),
    rationale: z.string().max(1000),
    evidence: EvidenceSchema,
  }),
  maxTokens: 1536,
  render: (input) => renderBrief(input, 'a product description'),
});
