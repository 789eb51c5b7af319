/**
 * The demo retailer site's catalog (pure): which page each seeded listing has, at which path, with the seeded drift
 * planted (DOMAIN.md §4.3) — Walmart still says "12 oz" for #2, shows the old pack for #11 and has delisted #29;
 * Target shows 3 of 5 bullets for #21; Amazon rewrote #24's description; Bluewater's white towel page still says
 * "Bright White". Every other page shows exactly what was syndicated. Paths carry the company slug, because the two
 * demo companies reuse item ids.
 */
import { BLUEWATER_PRODUCTS, COPPER_KETTLE_PRODUCTS, retailerItemId, type DemoProduct } from '../seed/demo-products.ts';
import type { PdpContent, RetailerStyle } from './pages.ts';

export const DEMO_BASE = '/demo-retailer';
const STORES: Record<string, DemoProduct[]> = { 'copper-kettle': COPPER_KETTLE_PRODUCTS, bluewater: BLUEWATER_PRODUCTS };
const STYLE: Record<string, RetailerStyle> = { amazon_us: 'amazon', walmart_us: 'walmart', target_plus: 'target' };
const RETAILER_OF_STYLE: Record<RetailerStyle, string> = { amazon: 'amazon_us', walmart: 'walmart_us', target: 'target_plus' };

const slug = (title: string) => title.split(',')[0]!.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function demoImagePath(store: string, n: number, variant: 'current' | 'old'): string {
  return `${DEMO_BASE}/${store}/img/${n}-${variant}.png`;
}

export function demoPdpPath(store: string, retailer: string, p: DemoProduct): string | null {
  const id = retailerItemId(retailer, p.n);
  const title = (p.values.title as { text: string }).text;
  switch (STYLE[retailer]) {
    case 'amazon':
      return `${DEMO_BASE}/${store}/amazon/dp/${id}`;
    case 'walmart':
      return `${DEMO_BASE}/${store}/walmart/ip/${slug(title)}/${id}`;
    case 'target':
      return `${DEMO_BASE}/${store}/target/p/${slug(title)}/-/A-${id}`;
    default:
      return null;
  }
}

/** The rewrite Amazon made of #24's description: same facts, other words (similarity in the ambiguous band). */
export const REWRITTEN_24 =
  'Reward your dog with Trailhound Dental Chews for Medium Dogs. The textured chew helps reduce plaque and tartar buildup while your dog chews, and every treat is baked in small batches without artificial colors, flavors or preservatives. Give as a treat with a balanced diet and fresh water.';

/** What the page shows, or 'gone' (404), or null (no such listing). */
export function demoPage(store: string, style: RetailerStyle, itemId: string): { content: PdpContent; product: DemoProduct } | 'gone' | null {
  const retailer = RETAILER_OF_STYLE[style];
  const product = (STORES[store] ?? []).find((p) => p.listings[retailer] === 'active' && retailerItemId(retailer, p.n) === itemId);
  if (!product) return null;
  const v = product.values as { title: { text: string }; bullets: { items: string[] }; description: { text: string } };
  let content: PdpContent = {
    title: v.title.text, bullets: v.bullets.items, description: v.description.text, brand: product.brand, gtin: product.gtin12, sku: product.sku,
    price: (product.values.msrp as { USD?: string } | undefined)?.USD ?? null, heroImageUrl: demoImagePath(store, product.n, 'current'),
  };
  if (store === 'copper-kettle') {
    if (retailer === 'walmart_us' && product.n === 29) return 'gone';
    if (retailer === 'walmart_us' && product.n === 2) content = { ...content, title: content.title.replace('10 oz', '12 oz') };
    if (retailer === 'walmart_us' && product.n === 11) content = { ...content, heroImageUrl: demoImagePath(store, product.n, 'old') };
    if (retailer === 'target_plus' && product.n === 21) content = { ...content, bullets: content.bullets.slice(0, 3) };
    if (retailer === 'amazon_us' && product.n === 24) content = { ...content, description: REWRITTEN_24 };
  }
  if (store === 'bluewater' && retailer === 'amazon_us' && product.n === 1) content = { ...content, title: content.title.replace('White', 'Bright White') };
  return { content, product };
}

export function demoProducts(store: string): DemoProduct[] {
  return STORES[store] ?? [];
}

/** Amazon's product type definition (spec source style 'amazon'), pointing at the schema file on the same site. */
export function amazonDefinition(origin: string, productType: string, version: string, checksum: string) {
  return {
    productType,
    displayName: productType,
    productTypeVersion: { version, latest: true, releaseCandidate: false },
    schema: { link: { resource: `${origin}${DEMO_BASE}/amazon/schemas/${encodeURIComponent(productType)}/${version}.json`, verb: 'GET' }, checksum },
    requirements: 'LISTING',
    locale: 'en_US',
    marketplaceIds: ['ATVPDKIKX0DER'],
  };
}
