/**
 * A company's enrichment settings (companies.settings), with the defaults of DOMAIN.md §4.1 when a company has none:
 * claims-like attributes always go to a person, whatever the model's confidence (hallucination on factual product
 * claims is reported at 5–15%).
 */
import { z } from 'zod';

export const DEFAULT_AUTO_APPROVE_THRESHOLD = 0.9;
export const DEFAULT_ALWAYS_REVIEW = ['ingredients', 'allergen_statement', 'claims', 'caffeine_content', 'net_content'];

export const EnrichmentSettingsSchema = z.object({
  autoApproveThreshold: z.number().min(0).max(1).catch(DEFAULT_AUTO_APPROVE_THRESHOLD).default(DEFAULT_AUTO_APPROVE_THRESHOLD),
  alwaysReviewAttributes: z.array(z.string()).catch(DEFAULT_ALWAYS_REVIEW).default(DEFAULT_ALWAYS_REVIEW),
});
export type EnrichmentSettings = z.infer<typeof EnrichmentSettingsSchema>;

export function enrichmentSettings(settings: unknown): EnrichmentSettings {
  const s = settings && typeof settings === 'object' ? settings : {};
  return EnrichmentSettingsSchema.parse(s);
}
