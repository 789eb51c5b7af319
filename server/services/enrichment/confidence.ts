/**
 * Final confidence and the auto-approve decision (DOMAIN.md F4 steps 4–5):
 *   confidence = model × (evidenceFound ? 1 : 0.6) × (validationErrors ? 0.3 : 1), capped at 0.5 when ungrounded.
 * Auto-approve only above the company's threshold, with no validation errors, and never for always-review
 * attributes (claims, ingredients, allergens, caffeine, net content).
 */
import type { EnrichmentSettings } from './settings.ts';
import type { ValidationResult } from './validate.ts';

export function finalConfidence(modelConfidence: number, v: Pick<ValidationResult, 'evidenceFound' | 'grounded' | 'errors'>): number {
  const model = Math.min(1, Math.max(0, Number.isFinite(modelConfidence) ? modelConfidence : 0));
  let c = model * (v.evidenceFound ? 1 : 0.6) * (v.errors > 0 ? 0.3 : 1);
  if (!v.grounded) c = Math.min(c, 0.5);
  return Math.floor(c * 100 + 1e-9) / 100;
}

export type Decision = 'auto_approved' | 'pending';

export function decide(attribute: string, confidence: number, errors: number, settings: EnrichmentSettings): Decision {
  if (errors > 0) return 'pending';
  if (settings.alwaysReviewAttributes.includes(attribute)) return 'pending';
  return confidence >= settings.autoApproveThreshold ? 'auto_approved' : 'pending';
}
