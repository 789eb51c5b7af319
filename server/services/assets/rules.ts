/**
 * Retailer image rules (DOMAIN.md §3.1) as data: each rule is a check kind with its own numbers, severity and scope,
 * stored in `retailers.image_rules` (seeded per retailer; a company may edit them) with optional per-category
 * overrides. `evaluateImageRules` is pure: metrics in, one result per rule out. Scope `main` rules apply only to the
 * main image; `technical` rules to every image (DOMAIN.md F14 step 4: main strict, secondary technical only).
 */
import { z } from 'zod';
import { RULE_SEVERITIES, type AssetRole } from '../../../shared/assets/vocab.ts';
import { MeasurementParamsSchema, type ImageMetrics } from './measure.ts';
import { IMAGE_FORMATS } from './sniff.ts';

const Base = { code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/), severity: z.enum(RULE_SEVERITIES), scope: z.enum(['technical', 'main']), note: z.string().optional() };

export const ImageRuleSchema = z.discriminatedUnion('check', [
  z.object({ ...Base, check: z.literal('format'), params: z.object({ allowed: z.array(z.enum(IMAGE_FORMATS)).min(1), allowAnimated: z.boolean() }) }),
  z.object({ ...Base, check: z.literal('color_space'), params: z.object({ allowed: z.array(z.enum(['rgb', 'cmyk', 'gray', 'other'])).min(1) }) }),
  z.object({ ...Base, check: z.literal('min_longest_side'), params: z.object({ min: z.number().int().positive() }) }),
  z.object({ ...Base, check: z.literal('max_longest_side'), params: z.object({ max: z.number().int().positive() }) }),
  z.object({ ...Base, check: z.literal('min_shortest_side'), params: z.object({ min: z.number().int().positive() }) }),
  z.object({ ...Base, check: z.literal('aspect'), params: z.object({ ratio: z.number().positive(), tolerance: z.number().min(0) }) }),
  z.object({ ...Base, check: z.literal('max_bytes'), params: z.object({ max: z.number().int().positive() }) }),
  z.object({ ...Base, check: z.literal('bits_per_channel'), params: z.object({ bits: z.number().int().positive() }) }),
  z.object({ ...Base, check: z.literal('min_density'), params: z.object({ dpi: z.number().positive() }) }),
  z.object({ ...Base, check: z.literal('white_background'), params: z.object({ minWhiteRatio: z.number().min(0).max(1) }) }),
  z.object({ ...Base, check: z.literal('fill'), params: z.object({ min: z.number().min(0).max(1) }) }),
]);
export type ImageRule = z.infer<typeof ImageRuleSchema>;

const RuleOverrideSchema = z.object({ severity: z.enum(RULE_SEVERITIES).optional(), params: z.record(z.string(), z.unknown()).optional(), disabled: z.boolean().optional() });

/** The jsonb in `retailers.image_rules`. `categories[<category code>][<rule code>]` overrides one rule for a category. */
export const ImageRulesSchema = z.object({
  rules: z.array(ImageRuleSchema).default([]),
  measurement: MeasurementParamsSchema.default(MeasurementParamsSchema.parse({})),
  categories: z.record(z.string(), z.record(z.string(), RuleOverrideSchema)).default({}),
});
export type ImageRules = z.infer<typeof ImageRulesSchema>;

export interface RuleResult {
  rule: string;
  check: ImageRule['check'];
  severity: ImageRule['severity'];
  expected: unknown;
  actual: unknown;
  passed: boolean;
  message: string;
}

/** The rules that apply for one category: overrides merged over the retailer's defaults (a broken override is ignored). */
export function rulesFor(config: ImageRules, categoryCode: string | null): ImageRule[] {
  const overrides = (categoryCode && config.categories[categoryCode]) || {};
  return config.rules.flatMap((rule) => {
    const o = overrides[rule.code];
    if (!o) return [rule];
    if (o.disabled) return [];
    const merged = ImageRuleSchema.safeParse({ ...rule, ...(o.severity ? { severity: o.severity } : {}), params: { ...rule.params, ...(o.params ?? {}) } });
    return [merged.success ? merged.data : rule];
  });
}

/** Which role the rules see: main is strict, every other role (and none) gets the technical rules only. */
export function appliesTo(rule: ImageRule, role: AssetRole): boolean {
  return rule.scope === 'technical' || role === 'main';
}

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
const mb = (v: number) => `${Math.round((v / 1048576) * 100) / 100} MB`;

function check(rule: ImageRule, m: ImageMetrics): Omit<RuleResult, 'rule' | 'check' | 'severity'> {
  switch (rule.check) {
    case 'format': {
      const okFormat = rule.params.allowed.includes(m.format);
      const okFrames = rule.params.allowAnimated || !m.isAnimated;
      const actual = m.isAnimated ? `${m.format} (animated, ${m.frames} frames)` : m.format;
      return { expected: `${rule.params.allowed.join(', ')}${rule.params.allowAnimated ? '' : ', not animated'}`, actual, passed: okFormat && okFrames, message: !okFormat ? `${m.format.toUpperCase()} is not accepted` : !okFrames ? 'animated images are not accepted' : 'format accepted' };
    }
    case 'color_space':
      return { expected: rule.params.allowed.join(' or '), actual: m.colorSpace, passed: rule.params.allowed.includes(m.colorSpace), message: `colour space ${m.colorSpace.toUpperCase()}` };
    case 'min_longest_side':
      return { expected: `≥ ${rule.params.min} px`, actual: m.longestSide, passed: m.longestSide >= rule.params.min, message: `longest side ${m.longestSide} px` };
    case 'max_longest_side':
      return { expected: `≤ ${rule.params.max} px`, actual: m.longestSide, passed: m.longestSide <= rule.params.max, message: `longest side ${m.longestSide} px` };
    case 'min_shortest_side':
      return { expected: `≥ ${rule.params.min} × ${rule.params.min} px`, actual: `${m.width} × ${m.height}`, passed: m.shortestSide >= rule.params.min, message: `${m.width} × ${m.height} px` };
    case 'aspect': {
      const passed = Math.abs(m.aspect - rule.params.ratio) <= rule.params.tolerance;
      return { expected: rule.params.ratio === 1 ? '1:1 (square)' : `${rule.params.ratio}:1`, actual: `${m.width}:${m.height}`, passed, message: passed ? 'aspect ratio ok' : `aspect ${m.aspect}` };
    }
    case 'max_bytes':
      return { expected: `≤ ${mb(rule.params.max)}`, actual: mb(m.bytes), passed: m.bytes <= rule.params.max, message: `file size ${mb(m.bytes)}` };
    case 'bits_per_channel':
      return { expected: `${rule.params.bits} bits per channel`, actual: m.bitsPerChannel, passed: m.bitsPerChannel === null || m.bitsPerChannel === rule.params.bits, message: `${m.bitsPerChannel ?? '?'} bits per channel` };
    case 'min_density':
      // Most files carry no density; a missing value is not a failure (the rule is informational).
      return { expected: `≥ ${rule.params.dpi} dpi`, actual: m.density, passed: m.density === null || m.density >= rule.params.dpi, message: m.density === null ? 'no density recorded' : `${m.density} dpi` };
    case 'white_background':
      return { expected: `≥ ${pct(rule.params.minWhiteRatio)} white border`, actual: pct(m.borderWhiteRatio), passed: m.borderWhiteRatio >= rule.params.minWhiteRatio, message: `border ${pct(m.borderWhiteRatio)} pure white` };
    case 'fill':
      return { expected: `≥ ${pct(rule.params.min)} of the frame`, actual: pct(m.fillRatio), passed: m.fillRatio >= rule.params.min, message: `product fills ${pct(m.fillRatio)}` };
  }
}

export interface Evaluation {
  /** No failed error rule. */
  passed: boolean;
  errors: number;
  warnings: number;
  results: RuleResult[];
}

export function evaluateImageRules(rules: ImageRule[], metrics: ImageMetrics, role: AssetRole): Evaluation {
  const results = rules.filter((r) => appliesTo(r, role)).map((rule) => ({ rule: rule.code, check: rule.check, severity: rule.severity, ...check(rule, metrics) }));
  const failed = results.filter((r) => !r.passed);
  return {
    passed: !failed.some((r) => r.severity === 'error'),
    errors: failed.filter((r) => r.severity === 'error').length,
    warnings: failed.filter((r) => r.severity === 'warning').length,
    results,
  };
}
