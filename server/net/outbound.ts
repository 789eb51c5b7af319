/**
 * Every retailer fetch of the monitoring functions goes through here: the SSRF guard (./ssrf.ts) with the
 * functions' allowlist, plus exactly one extra origin — the app's own demo retailer site, when it is enabled (the
 * boot code registers it after the server listens). Root-relative URLs (what the seed stores) resolve against that
 * origin. Loopback in general stays refused: only that scheme, host and port pass.
 */
import { configuredAllowlist, normalizeHostName, type Allowlist } from '../../shared/net/allowlist.ts';
import { guardedFetch, SsrfError, type GuardedResponse } from './ssrf.ts';

let demoOrigin: string | null = null;

/** Called by the boot code with `http://127.0.0.1:<port>` when the demo retailer site is served; null turns it off. */
export function setDemoRetailerOrigin(origin: string | null): void {
  demoOrigin = origin ? new URL(origin).origin : null;
}

export function demoRetailerOrigin(): string | null {
  return demoOrigin;
}

export function resolveRetailerUrl(raw: string): URL {
  if (raw.startsWith('/')) {
    if (!demoOrigin) throw new SsrfError(`${raw} is a demo retailer path, but the demo retailer site is not enabled`);
    return new URL(raw, demoOrigin);
  }
  return new URL(raw);
}

export interface RetailerRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  timeoutMs?: number;
  binary?: boolean;
  maxBytes?: number;
}

export async function retailerFetch(allowlist: Allowlist | undefined, req: RetailerRequest): Promise<GuardedResponse> {
  const url = resolveRetailerUrl(req.url);
  const base = allowlist ?? configuredAllowlist();
  const demo = demoOrigin !== null && url.origin === demoOrigin;
  const allow: Allowlist = demo ? { hosts: new Set([...base.hosts, normalizeHostName(url.hostname)]), ranges: base.ranges } : base;
  return guardedFetch({
    method: req.method,
    url: url.toString(),
    allowlist: allow,
    timeoutMs: req.timeoutMs ?? 15_000,
    maxBytes: req.maxBytes ?? 5_000_000,
    // The allowance is per host, not per port: the demo site never redirects, so no redirect may leave it.
    maxRedirects: demo ? 0 : 5,
    ...(req.body !== undefined ? { body: req.body, headers: { 'content-type': 'application/json', accept: 'application/json' } } : { headers: { accept: req.binary ? 'image/*' : 'text/html,application/json' } }),
    ...(req.binary ? { responseEncoding: 'base64' as const } : {}),
  });
}
