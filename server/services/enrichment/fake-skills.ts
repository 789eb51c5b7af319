/**
 * Test helpers: fake Claude answers for the enrichment skills, keyed by the SKU in the rendered request, with
 * evidence quoted from the request's own source text (so grounding is real, not assumed).
 */
import type { FakeAnthropic, FakeRequest } from '../../testing/fake-anthropic.ts';

export function skuOf(req: FakeRequest): string {
  return /Product (\S+) —/.exec(req.text)?.[1] ?? '';
}

export function sourceLine(req: FakeRequest, field: string): string {
  return new RegExp(`^\\[${field}\\] (.*)$`, 'm').exec(req.text)?.[1] ?? '';
}

export interface FakeSkillPlan {
  title?: (sku: string, req: FakeRequest) => { title: string; confidence: number } | undefined;
  bullets?: (sku: string, req: FakeRequest) => { bullets: string[]; confidence: number } | undefined;
  extract?: (sku: string, req: FakeRequest) => Record<string, { value: unknown; confidence: number; evidence?: string[] }> | undefined;
}

/** Sensible defaults for every skill (clean copy, grounded, confidence 0.8 → pending), overridable per SKU. */
export function answerEnrichment(fake: FakeAnthropic, plan: FakeSkillPlan = {}): void {
  const quote = (req: FakeRequest) => {
    const title = sourceLine(req, 'supplier_title');
    return [{ sourceField: 'supplier_title', quote: title.split(',')[0]!.trim() }];
  };
  fake.on('generate_title', (req) => {
    const sku = skuOf(req);
    const t = plan.title?.(sku, req) ?? { title: `${sourceLine(req, 'supplier_title').split(',')[0]}, ${sku}`, confidence: 0.8 };
    return { ...t, rationale: 'brand, product, size', evidence: quote(req) };
  });
  fake.on('generate_bullets', (req) => {
    const sku = skuOf(req);
    const b = plan.bullets?.(sku, req) ?? { bullets: ['Roasted in small batches', 'Smooth and balanced', 'Sealed for freshness'], confidence: 0.92 };
    return { ...b, rationale: 'facts from the supplier text', evidence: quote(req) };
  });
  fake.on('generate_description', (req) => ({
    description: `${sourceLine(req, 'supplier_title').split(',')[0]} for everyday brewing at home.`,
    confidence: 0.85,
    rationale: 'short',
    evidence: quote(req),
  }));
  fake.on('extract_attributes', (req) => {
    const sku = skuOf(req);
    const codes = [...req.text.matchAll(/^- ([a-z_]+) \(/gm)].map((m) => m[1]!);
    const planned = plan.extract?.(sku, req) ?? {};
    return {
      fields: Object.fromEntries(codes.map((c) => [c, { evidence: [], ...(planned[c] ?? { value: null, confidence: 0 }) }])),
    };
  });
}
