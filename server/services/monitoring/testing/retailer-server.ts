/**
 * A loopback retailer for tests (DOMAIN.md §4.5): product pages at `/amazon/dp/:asin`, `/walmart/ip/:slug/:id`,
 * `/target/p/:slug/-/A-:tcin` whose state a test sets and flips per path (a page, or a bare status like 404), images
 * at `/img/:file`, Amazon product type definitions with schema links, and Walmart's `POST /walmart/v3/items/spec`
 * with a switchable version. Every request is recorded.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { specChecksum } from '../canonical.ts';
import { renderPdpPage, type PdpContent, type RetailerStyle } from '../../../demo/retailer/pages.ts';
import { walmartSpec, WALMART_OLD_VERSION } from '../../../demo/retailer/specs.ts';

export type PageState = { page: PdpContent; style: RetailerStyle; jsonLd?: boolean } | { status: number };

export interface RetailerServer {
  url: string;
  pages: Map<string, PageState>;
  images: Map<string, Buffer>;
  /** Amazon schemas by product type: `{version, schema}`. */
  amazon: Map<string, { version: string; schema: Record<string, unknown> }>;
  walmartVersion: string;
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

export async function startRetailerServer(): Promise<RetailerServer> {
  const state = { walmartVersion: WALMART_OLD_VERSION };
  const pages = new Map<string, PageState>();
  const images = new Map<string, Buffer>();
  const amazon = new Map<string, { version: string; schema: Record<string, unknown> }>();
  const requests: { method: string; path: string }[] = [];
  let base = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      requests.push({ method: req.method ?? 'GET', path });
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'POST' && path === '/walmart/v3/items/spec') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { productTypes?: string[] };
        return json(200, walmartSpec(body.productTypes ?? [], state.walmartVersion));
      }
      let m = /^\/amazon\/definitions\/2020-09-01\/productTypes\/([^/]+)$/.exec(path);
      if (m) {
        const a = amazon.get(decodeURIComponent(m[1]!));
        if (!a) return json(404, { errors: [{ code: 'NOT_FOUND' }] });
        return json(200, { productType: m[1], productTypeVersion: { version: a.version, latest: true }, schema: { link: { resource: `${base}/schemas/${m[1]}-${a.version}.json`, verb: 'GET' }, checksum: specChecksum(a.schema) } });
      }
      m = /^\/schemas\/(.+)-([^-]+)\.json$/.exec(path);
      if (m) {
        const a = amazon.get(decodeURIComponent(m[1]!));
        return a && a.version === m[2] ? json(200, a.schema) : json(404, {});
      }
      m = /^\/img\/(.+)$/.exec(path);
      if (m) {
        const img = images.get(m[1]!);
        return img ? res.writeHead(200, { 'content-type': 'image/png' }).end(img) : res.writeHead(404).end();
      }
      const s = pages.get(path);
      if (!s) return res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      if ('status' in s) return res.writeHead(s.status, { 'content-type': 'text/html' }).end(`<h1>${s.status}</h1>`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderPdpPage(s.style, s.page, { jsonLd: s.jsonLd !== false }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    pages,
    images,
    amazon,
    get walmartVersion() {
      return state.walmartVersion;
    },
    set walmartVersion(v: string) {
      state.walmartVersion = v;
    },
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
