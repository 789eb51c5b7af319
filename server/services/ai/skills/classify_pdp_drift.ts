/**
 * classify_pdp_drift: what kind of difference an ambiguous product-page text is (similarity 0.4–0.85 to what was
 * syndicated): a retailer's own rewrite (harmless), stale copy, a truncation, or a material change.
 */
import { z } from 'zod';
import { DRIFT_SEVERITIES } from '../../../../shared/monitoring/vocab.ts';
import { defineSkill } from './define.ts';

export const classifyPdpDriftSkill = defineSkill({
  name: 'classify_pdp_drift',
  version: 1,
  systemPrompt:
    'You compare the text a supplier syndicated to a retailer with what the retailer product page shows now. ' +
    'Classify the difference: retailer_rewrite (the retailer reworded it but the facts are the same — usually info), ' +
    'stale_copy (an older version of the supplier text is still live), truncated (cut short), or material_change ' +
    '(facts differ: claims, sizes, ingredients — at least warning, critical when it misstates the product). ' +
    'Explain in one sentence. Use only the texts given.',
  input: z.object({
    sku: z.string().min(1),
    retailer: z.string().min(1),
    field: z.string().min(1),
    expected: z.string(),
    observed: z.string(),
    similarity: z.number().min(0).max(1),
  }),
  output: z.object({
    classification: z.enum(['retailer_rewrite', 'stale_copy', 'truncated', 'material_change']),
    severity: z.enum(DRIFT_SEVERITIES),
    explanation: z.string().min(1).max(400),
  }),
  maxTokens: 300,
  render: (i) =>
    [`Product: ${i.sku} at ${i.retailer}`, `Field: ${i.field} (similarity ${i.similarity})`, `Syndicated:\n${i.expected}`, `On the page now:\n${i.observed}`].join('\n\n'),
});
