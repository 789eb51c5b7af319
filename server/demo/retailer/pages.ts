/**
 * Retailer-looking product pages, pack shots and spec files, as pure functions: the app's demo retailer site
 * (server/demo/retailer/routes.ts) and the tests' loopback servers both render from here. A page carries a schema.org
 * `Product` JSON-LD block and the DOM each retailer style uses (Amazon `#productTitle`/`#feature-bullets`, Walmart
 * and Target `data-testid`), so either extraction path can read it.
 */
import sharp from 'sharp';

export interface PdpContent {
  title: string;
  bullets: string[];
  description: string;
  brand: string;
  gtin?: string | null;
  sku?: string | null;
  price?: string | null;
  /** Absolute or root-relative URL of the hero image. */
  heroImageUrl?: string | null;
}

export type RetailerStyle = 'amazon' | 'walmart' | 'target';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderPdpPage(style: RetailerStyle, c: PdpContent, opts: { jsonLd?: boolean } = {}): string {
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: c.title,
    description: c.description,
    image: c.heroImageUrl ? [c.heroImageUrl] : [],
    brand: { '@type': 'Brand', name: c.brand },
    ...(c.gtin ? { gtin12: c.gtin } : {}),
    ...(c.sku ? { sku: c.sku } : {}),
    offers: { '@type': 'Offer', price: c.price ?? '9.99', priceCurrency: 'USD', availability: 'https://schema.org/InStock' },
  };
  const jsonLd = opts.jsonLd === false ? '' : `<script type="application/ld+json">${JSON.stringify(ld).replace(/</g, '\\u003c')}</script>`;
  const img = c.heroImageUrl ? `<img ${style === 'amazon' ? 'id="landingImage"' : 'data-testid="hero-image"'} src="${esc(c.heroImageUrl)}" alt="${esc(c.title)}">` : '';
  const bullets = c.bullets.map((b) => `<li><span>${esc(b)}</span></li>`).join('');
  const body =
    style === 'amazon'
      ? `<h1><span id="productTitle">${esc(c.title)}</span></h1>${img}<div id="feature-bullets"><ul>${bullets}</ul></div><div id="productDescription"><p>${esc(c.description)}</p></div>`
      : `<h1 data-testid="product-title">${esc(c.title)}</h1>${img}<section><h2>Key features</h2><ul data-testid="key-features">${bullets}</ul></section><div data-testid="product-description"><p>${esc(c.description)}</p></div>`;
  const site = style === 'amazon' ? 'Amazon.com (demo)' : style === 'walmart' ? 'Walmart.com (demo)' : 'Target (demo)';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(c.title)} - ${site}</title>${jsonLd}</head><body><header>${site} — a demo page served by Ember, not the real retailer</header><main>${body}</main></body></html>`;
}

export function renderNotFound(): string {
  return '<!doctype html><html><head><title>Page not found</title></head><body><h1>Sorry, we couldn’t find that page.</h1></body></html>';
}

const HUES = [[176, 92, 48], [52, 120, 168], [70, 140, 80], [150, 60, 120], [200, 150, 40], [90, 90, 160]] as const;

/**
 * A deterministic pack shot: a product block on white with a label band. `variant: 'old'` is the previous
 * packaging: a different label layout, far apart in dHash from the current one.
 */
export async function renderPackShot(seed: number, variant: 'current' | 'old' = 'current', size = 240): Promise<Buffer> {
  const [r, g, b] = HUES[seed % HUES.length]!;
  const m = Math.round(size * 0.08);
  const w = size - 2 * m;
  const shapes =
    variant === 'current'
      ? `<rect x="${m}" y="${m}" width="${w}" height="${w}" rx="${m}" fill="rgb(${r},${g},${b})"/><rect x="${m}" y="${Math.round(size * 0.55)}" width="${w}" height="${Math.round(size * 0.18)}" fill="rgb(20,20,20)"/><circle cx="${size / 2}" cy="${Math.round(size * 0.3)}" r="${Math.round(size * 0.12)}" fill="white"/>`
      : `<rect x="${m}" y="${m}" width="${w}" height="${w}" rx="${m}" fill="rgb(235,225,200)"/><rect x="${Math.round(size * 0.2)}" y="${m}" width="${Math.round(size * 0.15)}" height="${w}" fill="rgb(20,20,20)"/><rect x="${Math.round(size * 0.6)}" y="${m}" width="${Math.round(size * 0.15)}" height="${w}" fill="rgb(${r},${g},${b})"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="white"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
