/**
 * The demo retailer site the app serves under /demo-retailer (DOMAIN.md §4.5, offline demo): product pages for the
 * seeded listings with the seeded drift, pack shots, and spec files in both styles — Amazon product type
 * definitions with a schema link, Walmart's POST /v3/items/spec — plus a switch to Walmart's newer spec version, so
 * the change sentinel has something to find. Pages and specs come from pure functions in server/monitoring.
 */
import type http from 'node:http';
import { specChecksum } from '../../services/monitoring/canonical.ts';
import { renderNotFound, renderPackShot, renderPdpPage, type RetailerStyle } from './pages.ts';
import { AMAZON_VERSION, amazonSchema, WALMART_NEW_VERSION, WALMART_OLD_VERSION, walmartSpec } from './specs.ts';
import { amazonDefinition, DEMO_BASE, demoPage, demoPdpPath, demoProducts } from './site.ts';

let walmartVersion = WALMART_OLD_VERSION;
const images = new Map<string, Promise<Buffer>>();

/** The Walmart spec version the demo site serves now (tests and the admin switch change it). */
export function setDemoWalmartVersion(v: string): void {
  walmartVersion = v;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
const json = (res: http.ServerResponse, status: number, body: unknown) => send(res, status, JSON.stringify(body), 'application/json');

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 100_000) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function origin(req: http.IncomingMessage): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}

function index(): string {
  const rows = ['copper-kettle', 'bluewater'].flatMap((store) =>
    demoProducts(store).flatMap((p) => Object.keys(p.listings).map((r) => demoPdpPath(store, r, p)).filter((x): x is string => !!x).map((href) => `<li><a href="${href}">${href}</a></li>`)),
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>Demo retailer site</title></head><body><h1>Demo retailer site</h1><p>Served by Ember for the offline demo. Walmart spec version: <b>${walmartVersion}</b>.</p><ul>${rows.join('')}</ul></body></html>`;
}

export async function handleDemoRetailer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname.slice(DEMO_BASE.length) || '/';
  const method = req.method ?? 'GET';
  let m: RegExpExecArray | null;

  if (path === '/' && method === 'GET') return send(res, 200, index(), 'text/html; charset=utf-8');
  if (path === '/walmart/v3/items/spec' && method === 'POST') {
    let body: { productTypes?: unknown; version?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch {
      return json(res, 400, { errors: [{ code: 'INVALID_REQUEST', description: 'body is not JSON' }] });
    }
    const types = Array.isArray(body.productTypes) ? body.productTypes.filter((t): t is string => typeof t === 'string') : [];
    const version = typeof body.version === 'string' && [WALMART_OLD_VERSION, WALMART_NEW_VERSION].includes(body.version) ? body.version : walmartVersion;
    return json(res, 200, walmartSpec(types, version));
  }
  if (path === '/admin/walmart-spec-version') {
    if (method === 'POST') {
      const v = (await readBody(req)).trim().replace(/^"|"$/g, '') || url.searchParams.get('version') || '';
      if (![WALMART_OLD_VERSION, WALMART_NEW_VERSION].includes(v)) return json(res, 400, { error: `version must be ${WALMART_OLD_VERSION} or ${WALMART_NEW_VERSION}` });
      walmartVersion = v;
    }
    return json(res, 200, { version: walmartVersion });
  }
  if ((m = /^\/amazon\/definitions\/2020-09-01\/productTypes\/([^/]+)$/.exec(path)) && method === 'GET') {
    const type = decodeURIComponent(m[1]!);
    const schema = amazonSchema(type);
    if (!schema) return json(res, 404, { errors: [{ code: 'NOT_FOUND', message: `no product type ${type}` }] });
    return json(res, 200, amazonDefinition(origin(req), type, AMAZON_VERSION, specChecksum(schema)));
  }
  if ((m = /^\/amazon\/schemas\/([^/]+)\/([^/]+)\.json$/.exec(path)) && method === 'GET') {
    const schema = m[2] === AMAZON_VERSION ? amazonSchema(decodeURIComponent(m[1]!)) : null;
    return schema ? json(res, 200, schema) : json(res, 404, { error: 'no such schema' });
  }
  if ((m = /^\/([a-z-]+)\/img\/(\d+)-(current|old)\.png$/.exec(path)) && method === 'GET') {
    const key = `${m[2]}-${m[3]}`;
    if (!images.has(key)) images.set(key, renderPackShot(Number(m[2]), m[3] as 'current' | 'old'));
    return send(res, 200, await images.get(key)!, 'image/png');
  }
  const page = /^\/([a-z-]+)\/amazon\/dp\/([A-Z0-9]+)$/.exec(path) ?? /^\/([a-z-]+)\/walmart\/ip\/[^/]+\/(\d+)$/.exec(path) ?? /^\/([a-z-]+)\/target\/p\/[^/]+\/-\/A-(\d+)$/.exec(path);
  if (page && method === 'GET') {
    const style: RetailerStyle = path.includes('/amazon/') ? 'amazon' : path.includes('/walmart/') ? 'walmart' : 'target';
    const found = demoPage(page[1]!, style, page[2]!);
    if (found && found !== 'gone') return send(res, 200, renderPdpPage(style, found.content), 'text/html; charset=utf-8');
  }
  send(res, 404, renderNotFound(), 'text/html; charset=utf-8');
}
