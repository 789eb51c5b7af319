/**
 * Where and how a retailer publishes its specs (`retailers.spec_source`), and fetching one product type's spec
 * through an injected fetcher (the SSRF-guarded one in production, DOMAIN.md F8.1):
 * - Amazon style: GET the product type definition → `{productTypeVersion:{version}, schema:{link:{resource}, checksum}}`,
 *   then GET the schema link;
 * - Walmart style: POST `/v3/items/spec {feedType:'MP_ITEM', version, productTypes:[type]}` → `{version, schema}`.
 * URLs may be root-relative (the app's own demo retailer site); the caller resolves them.
 */
import { z } from 'zod';

export const SpecSourceSchema = z.discriminatedUnion('style', [
  z.object({ style: z.literal('amazon'), definitionsUrl: z.string().min(1).describe('with {productType}') }),
  z.object({ style: z.literal('walmart'), url: z.string().min(1), feedType: z.string().default('MP_ITEM'), version: z.string().optional() }),
]);
export type SpecSource = z.infer<typeof SpecSourceSchema>;

export type SpecFetcher = (req: { method: 'GET' | 'POST'; url: string; body?: string }) => Promise<{ status: number; body: string; url: string }>;

export interface FetchedSpec {
  versionLabel: string;
  schema: Record<string, unknown>;
}

export class SpecFetchError extends Error {}

function json(res: { status: number; body: string; url: string }): Record<string, unknown> {
  if (res.status !== 200) throw new SpecFetchError(`${res.url} answered ${res.status}`);
  try {
    const v = JSON.parse(res.body) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fall through */
  }
  throw new SpecFetchError(`${res.url} did not answer a JSON object`);
}

/** Walmart: one request for all `productTypes`; Amazon: the definition of `productTypes[0]`. */
export async function fetchSpec(source: SpecSource, productTypes: string[], fetcher: SpecFetcher): Promise<FetchedSpec> {
  if (source.style === 'walmart') {
    const body = JSON.stringify({ feedType: source.feedType, ...(source.version ? { version: source.version } : {}), productTypes });
    const res = json(await fetcher({ method: 'POST', url: source.url, body }));
    const schema = res.schema as Record<string, unknown> | undefined;
    if (typeof res.version !== 'string' || !schema || typeof schema !== 'object') throw new SpecFetchError('the Walmart spec answer has no version or schema');
    return { versionLabel: res.version, schema };
  }
  const def = json(await fetcher({ method: 'GET', url: source.definitionsUrl.replace('{productType}', encodeURIComponent(productTypes[0] ?? '')) }));
  const version = (def.productTypeVersion as { version?: unknown } | undefined)?.version;
  const link = ((def.schema as { link?: { resource?: unknown } } | undefined)?.link?.resource);
  if (typeof version !== 'string' || typeof link !== 'string') throw new SpecFetchError('the product type definition has no version or schema link');
  return { versionLabel: version, schema: json(await fetcher({ method: 'GET', url: link })) };
}

/** Walmart's whole-spec key: one version for every product type of the feed. */
export const WALMART_SPEC_KEY = 'MP_ITEM';

/** A fetched spec split into one JSON Schema per product type (Walmart: `MPItem.items.Visible.<type>`; Amazon: itself). */
export function typeSchemas(style: SpecSource['style'], schema: Record<string, unknown>, productTypes: string[]): Record<string, Record<string, unknown>> {
  if (style === 'amazon') return productTypes[0] ? { [productTypes[0]]: schema } : {};
  const dig = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), v);
  const visible = dig(schema, 'properties', 'MPItem', 'items', 'properties', 'Visible', 'properties') as Record<string, Record<string, unknown>> | undefined;
  return Object.fromEntries(productTypes.filter((t) => visible?.[t]).map((t) => [t, visible![t]!]));
}
