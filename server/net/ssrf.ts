/**
 * Outbound HTTP for user-configured URLs (HTTP steps, retailer fetches), guarded against SSRF by the shared rules
 * (shared/net: the URL, then every address its host resolves to). The socket connects to exactly the addresses that
 * were checked: the request's `lookup` hands back the vetted list and never asks DNS again, so a name that
 * re-resolves to 127.0.0.1 after the check gains nothing. Redirects are followed by hand, each hop vetted again, up
 * to a limit; time and body size are capped. The allowlist (`EMBER_HTTP_ALLOWLIST`) lets named hosts and CIDRs pass.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { classifyAddress } from '../../shared/net/address.ts';
import { configuredAllowlist, type Allowlist } from '../../shared/net/allowlist.ts';
import { checkOutboundUrl } from '../../shared/net/url.ts';

export { parseAllowlist, type Allowlist } from '../../shared/net/allowlist.ts';

export class SsrfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsrfError';
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to. Tests hand in their own; default: the system resolver (getaddrinfo). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (host) => (await dns.promises.lookup(host, { all: true, order: 'verbatim' })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export interface VettedTarget {
  url: URL;
  /** What the socket may connect to: the literal address, or every resolved address (all of them passed). */
  addresses: ResolvedAddress[];
}

/** Checks a URL and, for a name, resolves it once and checks every address. Throws SsrfError with the reason. */
export async function vetUrl(raw: string | URL, allow: Allowlist = configuredAllowlist(), resolve: Resolver = systemResolver): Promise<VettedTarget> {
  const verdict = checkOutboundUrl(raw, allow);
  if (!verdict.ok) throw new SsrfError(verdict.reason);
  const { url, host } = verdict;
  if (host.kind === 'address') return { url, addresses: [{ address: host.address, family: host.address.includes(':') ? 6 : 4 }] };
  const addresses = await resolve(host.name);
  if (!addresses.length) throw new Error(`${host.name} did not resolve`);
  if (!host.allowlisted) {
    for (const a of addresses) {
      const v = classifyAddress(a.address, allow);
      if (!v.allowed) throw new SsrfError(`${host.name} resolves to ${v.address}, ${v.what}`);
    }
  }
  return { url, addresses };
}

export interface GuardedRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Default: `EMBER_HTTP_ALLOWLIST`. */
  allowlist?: Allowlist;
  resolve?: Resolver;
  /** How the body is decoded; 'base64' for binary responses such as images. Default utf8. */
  responseEncoding?: 'utf8' | 'base64';
}

export interface GuardedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  url: string;
  redirects: number;
}

/** Headers that carry the caller's credentials: not sent on to another origin a redirect points at. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

export async function guardedFetch(req: GuardedRequest): Promise<GuardedResponse> {
  const allow = req.allowlist ?? configuredAllowlist();
  const deadline = Date.now() + (req.timeoutMs ?? 10_000);
  const maxRedirects = req.maxRedirects ?? 5;
  let url: URL | string = req.url;
  let method = req.method.toUpperCase();
  let body = req.body;
  let headers = { ...(req.headers ?? {}) };
  for (let hop = 0; ; hop++) {
    const target = await beforeDeadline(vetUrl(url, allow, req.resolve), deadline);
    const res = await requestOnce(target, method, headers, body, deadline, req.maxBytes ?? 1_000_000, req.responseEncoding ?? 'utf8');
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      if (hop >= maxRedirects) throw new SsrfError(`too many redirects (more than ${maxRedirects})`);
      let next: URL;
      try {
        next = new URL(location, target.url);
      } catch {
        throw new SsrfError(`redirected to an invalid URL: ${location.slice(0, 200)}`);
      }
      if (next.origin !== target.url.origin) headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
      // 303, and 301/302 after POST, become GET without a body, as browsers do.
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = withoutHeaders(headers, ['content-type', 'content-length']);
      }
      url = next;
      continue;
    }
    return { ...res, url: target.url.toString(), redirects: hop };
  }
}

function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const ms = Math.max(1, deadline - Date.now());
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms resolving the host`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}

/** The socket's DNS: the vetted addresses, filtered to the family asked for, and nothing else. */
function pinnedLookup(addresses: ResolvedAddress[]): net.LookupFunction {
  return (_host, options, callback) => {
    const family = (options as { family?: number | string }).family;
    const want = family === 4 || family === 'IPv4' ? 4 : family === 6 || family === 'IPv6' ? 6 : 0;
    const list = want ? addresses.filter((a) => a.family === want) : addresses;
    if (!list.length) return callback(Object.assign(new Error(`no IPv${want} address for ${_host}`), { code: 'ENOTFOUND' }), '', 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  };
}

function requestOnce(target: VettedTarget, method: string, headers: Record<string, string>, body: string | undefined, deadline: number, maxBytes: number, encoding: 'utf8' | 'base64') {
  const timeout = Math.max(1, deadline - Date.now());
  return new Promise<Omit<GuardedResponse, 'url' | 'redirects'>>((resolve, reject) => {
    const client = target.url.protocol === 'https:' ? https : http;
    const options = { method, headers: { 'user-agent': 'EmberWorkflows/1.0', ...headers }, lookup: pinnedLookup(target.addresses), timeout, agent: false };
    const r = client.request(target.url, options, (res) => {
      let size = 0;
      let tooBig = false;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          if (!tooBig) reject(new SsrfError(`response larger than ${maxBytes} bytes`));
          tooBig = true;
          res.destroy();
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => {
        if (tooBig) return;
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString(encoding) });
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => r.destroy(new Error(`timed out after ${timeout} ms`)), timeout);
    r.on('close', () => clearTimeout(timer));
    r.on('timeout', () => r.destroy(new Error(`timed out after ${timeout} ms`)));
    r.on('error', reject);
    if (body !== undefined) r.write(body);
    r.end();
  });
}
