/**
 * Outbound HTTP for user-configured steps, guarded against SSRF. The address is checked where it is used: the
 * socket's own DNS lookup validates every resolved address (so a name that re-resolves to 127.0.0.1 between a
 * check and the connect gains nothing), redirects are followed by hand and each hop is checked again, and time and
 * body size are capped. Only http and https. Private, loopback, link-local, metadata, multicast and reserved ranges
 * are refused unless an allowlist entry (host name or CIDR) permits them.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export class SsrfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsrfError';
  }
}

const BLOCKED = new net.BlockList();
for (const [addr, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(addr, prefix, 'ipv4');
for (const [addr, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64]] as const) {
  BLOCKED.addSubnet(addr, prefix, 'ipv6');
}

export interface Allowlist {
  hosts: Set<string>;
  ranges: net.BlockList;
}

/** `EMBER_HTTP_ALLOWLIST`-style: comma-separated host names and CIDRs (`127.0.0.1/32`, `internal.example`). */
export function parseAllowlist(spec: string | undefined): Allowlist {
  const hosts = new Set<string>();
  const ranges = new net.BlockList();
  for (const raw of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits] = raw.split('/');
    const family = net.isIP(addr!);
    if (family) ranges.addSubnet(addr!, Number(bits ?? (family === 4 ? 32 : 128)), family === 4 ? 'ipv4' : 'ipv6');
    else hosts.add(raw.toLowerCase());
  }
  return { hosts, ranges };
}

/** IPv4 embedded in IPv6 (::ffff:a.b.c.d mapped, 64:ff9b::/96 NAT64, ::a.b.c.d compatible) is judged as IPv4. */
function embeddedV4(address: string): string | null {
  const lower = address.toLowerCase();
  const m = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (m) return m[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

export function isBlockedAddress(address: string, allow: Allowlist): boolean {
  const v4 = net.isIPv4(address) ? address : embeddedV4(address);
  if (v4) return !allow.ranges.check(v4, 'ipv4') && BLOCKED.check(v4, 'ipv4');
  if (!net.isIPv6(address)) return true;
  return !allow.ranges.check(address, 'ipv6') && BLOCKED.check(address, 'ipv6');
}

export interface GuardedRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  allowlist?: Allowlist;
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

export async function guardedFetch(req: GuardedRequest): Promise<GuardedResponse> {
  const allow = req.allowlist ?? parseAllowlist(process.env.EMBER_HTTP_ALLOWLIST);
  const deadline = Date.now() + (req.timeoutMs ?? 10_000);
  let url = new URL(req.url);
  let method = req.method.toUpperCase();
  let body = req.body;
  for (let hop = 0; ; hop++) {
    const res = await requestOnce(url, method, req.headers ?? {}, body, allow, deadline, req.maxBytes ?? 1_000_000, req.responseEncoding ?? 'utf8');
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      if (hop >= (req.maxRedirects ?? 5)) throw new SsrfError(`too many redirects (more than ${req.maxRedirects ?? 5})`);
      url = new URL(location, url);
      // 303, and 301/302 after POST, become GET without a body, as browsers do.
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    return { ...res, url: url.toString(), redirects: hop };
  }
}

function requestOnce(url: URL, method: string, headers: Record<string, string>, body: string | undefined, allow: Allowlist, deadline: number, maxBytes: number, encoding: 'utf8' | 'base64') {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SsrfError(`only http and https URLs are allowed, not ${url.protocol}`);
  if (url.username || url.password) throw new SsrfError('URLs with credentials are not allowed');
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const hostAllowed = allow.hosts.has(hostname.toLowerCase());
  if (net.isIP(hostname) && !hostAllowed && isBlockedAddress(hostname, allow)) throw new SsrfError(`${hostname} is a private or reserved address`);
  const lookup: net.LookupFunction = (host, options, callback) => {
    dns.lookup(host, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const bad = hostAllowed ? undefined : list.find((a) => isBlockedAddress(a.address, allow));
      if (bad) return callback(new SsrfError(`${host} resolves to ${bad.address}, a private or reserved address`), '', 0);
      const first = list[0];
      if (!first) return callback(new Error(`${host} did not resolve`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, first.address, first.family);
    });
  };
  const timeout = Math.max(1, deadline - Date.now());
  return new Promise<Omit<GuardedResponse, 'url' | 'redirects'>>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const r = client.request(url, { method, headers: { 'user-agent': 'EmberWorkflows/1.0', ...headers }, lookup, timeout, agent: false }, (res) => {
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
