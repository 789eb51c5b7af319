/**
 * Completeness, with Akeneo's semantics (DOMAIN.md §3.3): per (product, retailer), the required attributes of the
 * retailer's spec for the product's category minus the filled ones;
 * ratio = required == 0 ? 100 : floor(100 × (required − missing) / required).
 */
import { z } from 'zod';
import { isFilled } from './values.ts';
import type { AttributeType } from './vocab.ts';

/** Extra conditions a spec puts on a required attribute (e.g. bullets need at least 3 items). */
export const RequirementParamsSchema = z.record(z.string(), z.object({ minItems: z.number().int().positive().optional() }).strict());
export type RequirementParams = z.infer<typeof RequirementParamsSchema>;

export interface CompletenessSpec {
  requiredAttributes: string[];
  requirementParams: RequirementParams;
  currencies?: string[];
}

export interface Completeness {
  ratio: number;
  missing: string[];
  required: number;
}

/**
 * `values` holds the product's values as the retailer sees them (its own scoped value, else the global one);
 * `types` maps attribute codes to their types. An unknown required attribute counts as missing.
 */
export function completeness(spec: CompletenessSpec, values: Record<string, unknown>, types: Record<string, AttributeType>): Completeness {
  const required = [...new Set(spec.requiredAttributes)];
  const missing = required.filter((code) => {
    const type = types[code];
    if (!type) return true;
    return !isFilled(type, values[code], { minItems: spec.requirementParams[code]?.minItems, currencies: spec.currencies });
  });
  const ratio = required.length === 0 ? 100 : Math.floor((100 * (required.length - missing.length)) / required.length);
  return { ratio, missing, required: required.length };
}

/** Values as one channel sees them: the channel's own value where there is one, else the global ('') value. */
export function valuesForChannel(rows: { attributeCode: string; channelCode: string; value: unknown }[], channel: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of rows) if (r.channelCode === '' && !(r.attributeCode in out)) out[r.attributeCode] = r.value;
  for (const r of rows) if (r.channelCode === channel && channel !== '') out[r.attributeCode] = r.value;
  return out;
}

export const COMPLETENESS_BANDS = ['complete', 'incomplete'] as const;
export type CompletenessBand = (typeof COMPLETENESS_BANDS)[number];
