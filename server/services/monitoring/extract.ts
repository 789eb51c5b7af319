/**
 * What a retailer product page shows (DOMAIN.md F9.2): the schema.org `Product` JSON-LD block first, DOM selectors
 * for what JSON-LD lacks (bullets are never in it) or when there is none — Amazon-style `#productTitle`,
 * `#feature-bullets li`, `#productDescription`, `#landingImage`, and `data-testid` variants. Dependency-free: the
 * pages are small and the selectors few, so a handful of regular expressions over the markup is enough.
 */
import type { ExtractionMethod } from '../../../shared/monitoring/vocab.ts';

export interface ExtractedPdp {
  title: string | null;
  bullets: string[];
  description: string | null;
  images: string[];
  brand: string | null;
  gtin: string | null;
  price: string | null;
  availability: string | null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const textOf = (html: string) => decodeEntities(html.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

/** Inner HTML of the first element whose opening tag matches `attr` (e.g. id="productTitle"); nesting-aware. */
function elementInner(html: string, attr: RegExp): string | null {
  const open = new RegExp(`<([a-z][a-z0-9]*)\\b[^>]*${attr.source}[^>]*>`, 'i').exec(html);
  if (!open) return null;
  const tag = open[1]!.toLowerCase();
  const start = open.index + open[0].length;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  re.lastIndex = start;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, m.index);
  }
  return html.slice(start);
}

function attrOf(tagHtml: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tagHtml);
  return m ? decodeEntities(m[2] ?? m[3] ?? '') : null;
}

function jsonLdProduct(html: string): Record<string, unknown> | null {
  for (const m of html.matchAll(/<script\b[^>]*type\s*=\s*["']application\/ld\+json["'][^>]*>([\s\S]*?)<\/script>/gi)) {
    let data: unknown;
    try {
      data = JSON.parse(m[1]!);
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    while (queue.length) {
      const node = queue.shift();
      if (Array.isArray(node)) queue.push(...node);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        const type = o['@type'];
        if (type === 'Product' || (Array.isArray(type) && type.includes('Product'))) return o;
        if (o['@graph']) queue.push(o['@graph']);
      }
    }
  }
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? decodeEntities(v.trim()) : typeof v === 'number' ? String(v) : null);

function imagesOf(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v ? [v] : [];
  return list.map((i) => (typeof i === 'string' ? i : str((i as { url?: unknown })?.url))).filter((s): s is string => !!s);
}

function fromJsonLd(p: Record<string, unknown>): Partial<ExtractedPdp> {
  const offers = (Array.isArray(p.offers) ? p.offers[0] : p.offers) as Record<string, unknown> | undefined;
  const brand = p.brand && typeof p.brand === 'object' ? str((p.brand as { name?: unknown }).name) : str(p.brand);
  return {
    title: str(p.name),
    description: str(p.description),
    images: imagesOf(p.image),
    brand,
    gtin: str(p.gtin12) ?? str(p.gtin13) ?? str(p.gtin14) ?? str(p.gtin),
    price: str(offers?.price),
    availability: str(offers?.availability),
  };
}

function fromDom(html: string): Partial<ExtractedPdp> {
  const title = elementInner(html, /id\s*=\s*["']productTitle["']/) ?? elementInner(html, /data-testid\s*=\s*["']product-title["']/) ?? elementInner(html, /itemprop\s*=\s*["']name["']/);
  const bulletsHtml = elementInner(html, /id\s*=\s*["']feature-bullets["']/) ?? elementInner(html, /data-testid\s*=\s*["']key-features["']/);
  const bullets = bulletsHtml ? [...bulletsHtml.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/gi)].map((m) => textOf(m[1]!)).filter(Boolean) : [];
  const description = elementInner(html, /id\s*=\s*["']productDescription["']/) ?? elementInner(html, /data-testid\s*=\s*["']product-description["']/);
  const hero = /<img\b[^>]*(?:id\s*=\s*["']landingImage["']|data-testid\s*=\s*["']hero-image["'])[^>]*>/i.exec(html);
  const og = /<meta\b[^>]*property\s*=\s*["']og:image["'][^>]*>/i.exec(html);
  const image = hero ? attrOf(hero[0], 'src') : og ? attrOf(og[0], 'content') : null;
  return { title: title ? textOf(title) || null : null, bullets, description: description ? textOf(description) || null : null, images: image ? [image] : [] };
}

export function extractPdp(html: string): { method: ExtractionMethod; extracted: ExtractedPdp } {
  const ld = jsonLdProduct(html);
  const dom = fromDom(html);
  const base = ld ? fromJsonLd(ld) : {};
  const extracted: ExtractedPdp = {
    title: base.title ?? dom.title ?? null,
    bullets: dom.bullets ?? [],
    description: base.description ?? dom.description ?? null,
    images: base.images?.length ? base.images : (dom.images ?? []),
    brand: base.brand ?? null,
    gtin: base.gtin ?? null,
    price: base.price ?? null,
    availability: base.availability ?? null,
  };
  const method: ExtractionMethod = ld && extracted.title ? 'json_ld' : dom.title ? 'dom' : 'none';
  return { method, extracted };
}
