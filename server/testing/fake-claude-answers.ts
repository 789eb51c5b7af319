/**
 * Answers for the fake Messages API when a test wants a whole workflow to run rather than one scripted reply (the
 * end-to-end demo): copy skills echo the product's own source text (so evidence quotes are found) with a set
 * confidence, and any other skill gets the smallest output its tool schema accepts. Deterministic: the same request
 * always gets the same answer.
 */
import type { FakeAnthropic, FakeRequest } from './fake-anthropic.ts';

type Schema = { type?: string | string[]; enum?: unknown[]; const?: unknown; properties?: Record<string, Schema>; required?: string[]; items?: Schema; minItems?: number; minimum?: number; maximum?: number; minLength?: number; anyOf?: Schema[]; oneOf?: Schema[] };

/** The smallest value a JSON Schema accepts (first enum value, lower bounds, required properties only). */
export function minimalValue(schema: Schema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return minimalValue(alt.find((s) => s.type === 'null') ?? alt[0]!);
  const type = Array.isArray(schema.type) ? (schema.type.includes('null') ? 'null' : schema.type[0]) : schema.type;
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return schema.maximum === 1 && (schema.minimum ?? 0) <= 0.9 ? 0.9 : (schema.minimum ?? 1);
    case 'string':
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => minimalValue(schema.items ?? {}));
    default: {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = minimalValue(schema.properties?.[key] ?? {});
      return out;
    }
  }
}

/** `[field] text` lines of a copy skill's brief. */
function sourceLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^\[([a-z0-9_]+)\] (.+)$/gm)) out[m[1]!] = m[2]!;
  return out;
}

export function answerWholeWorkflows(fake: FakeAnthropic, opts: { confidence: number }) {
  const evidence = (req: FakeRequest) => {
    const src = sourceLines(req.text);
    const [field, text] = Object.entries(src)[0] ?? ['title', ''];
    return text ? [{ sourceField: field, quote: text.slice(0, Math.min(40, text.length)) }] : [];
  };
  const title = (req: FakeRequest) => sourceLines(req.text).title ?? /Product (\S+)/.exec(req.text)?.[1] ?? 'Product';
  fake.on('generate_title', (req) => ({ title: title(req).slice(0, 150), confidence: opts.confidence, rationale: 'Kept the supplier title.', evidence: evidence(req) }));
  fake.on('generate_bullets', (req) => ({ bullets: [`${title(req).slice(0, 120)}.`], confidence: opts.confidence, rationale: 'From the supplier text.', evidence: evidence(req) }));
  fake.on('generate_description', (req) => ({ description: Object.values(sourceLines(req.text)).join(' ').slice(0, 1000) || title(req), confidence: opts.confidence, rationale: 'From the supplier text.', evidence: evidence(req) }));
  fake.on('extract_attributes', () => ({ fields: {} }));
  for (const skill of ['tag_image', 'summarize_spec_change', 'classify_pdp_drift', 'classify_rejection', 'review_copy_compliance', 'classify_category']) {
    fake.on(skill, (req) => minimalValue(req.body.tools[0]!.input_schema as Schema) as Record<string, unknown>);
  }
}
