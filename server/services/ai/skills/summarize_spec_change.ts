/** summarize_spec_change: a retailer spec diff in 2–3 sentences an ops person can act on, plus a severity suggestion. */
import { z } from 'zod';
import { defineSkill } from './define.ts';

export const summarizeSpecChangeSkill = defineSkill({
  name: 'summarize_spec_change',
  version: 1,
  systemPrompt:
    'You explain retailer item-spec changes (Amazon product type definitions, Walmart item specs) to the content ' +
    'operations team of a consumer-goods supplier. Given the structural diff, the attribute mapping and the products ' +
    'that now fail, write 2–3 plain sentences: what changed, what it means for listings, and what to do first. Suggest ' +
    'a severity: high when listed products now fail a requirement, medium for tightened limits or enums, low otherwise. ' +
    'Use only the information given; never invent attribute values or deadlines.',
  input: z.object({
    retailer: z.string().min(1),
    productType: z.string().min(1),
    fromVersion: z.string().nullable(),
    toVersion: z.string().min(1),
    diff: z.object({
      addedRequired: z.array(z.string()),
      removedRequired: z.array(z.string()),
      addedProps: z.array(z.string()),
      removedProps: z.array(z.string()),
      constraintChanges: z.array(z.object({ prop: z.string(), kind: z.string(), before: z.unknown(), after: z.unknown() })),
      mapped: z.record(z.string(), z.string().nullable()),
    }),
    affectedProducts: z.array(z.object({ sku: z.string(), reasons: z.array(z.string()) })),
  }),
  output: z.object({
    summary: z.string().min(1).max(800),
    severity: z.enum(['low', 'medium', 'high']),
  }),
  maxTokens: 500,
  render: (i) =>
    [
      `Retailer: ${i.retailer}`,
      `Spec: ${i.productType}, version ${i.fromVersion ?? '(none)'} → ${i.toVersion}`,
      `Diff: ${JSON.stringify(i.diff)}`,
      `Products that now fail (${i.affectedProducts.length}):`,
      ...i.affectedProducts.slice(0, 50).map((p) => `- ${p.sku}: ${p.reasons.join('; ')}`),
    ].join('\n'),
});
