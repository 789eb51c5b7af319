import { z } from 'zod';
import { COPY_SYSTEM, CopyInputSchema, EvidenceSchema, renderBrief } from './copy-io.ts';
import { defineSkill } from './define.ts';

/** Feature bullets: as many as the retailer recommends, each starting with a capital letter, within its length. */
export const generateBulletsSkill = defineSkill({
  name: 'generate_bullets',
  version: 1,
  systemPrompt: `${COPY_SYSTEM}\nBullets: one benefit or fact each, start with a capital letter, no emoji or special symbols (™ ® © …).`,
  input: CopyInputSchema,
  output: z.object({
    bullets: z.array(z.string().min(1).max(1000)).min(1).max(10),
    confidence: z.number().min(0).max(1),
    rationale: z.string().max(1000),
    evidence: EvidenceSchema,
  }),
  maxTokens: 1024,
  render: (input) => renderBrief(input, 'feature bullets'),
});
