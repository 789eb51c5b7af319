/**
 * The outbound allowlist (`EMBER_HTTP_ALLOWLIST`): host names and CIDRs that outbound HTTP may reach although the
 * address rules (address.ts) would refuse them. Pure, so the HTTP step's form and the server's guard apply one list.
 */
import ipaddr from 'ipaddr.js';

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

export interface Allowlist {
  /** Lower-case host names without a trailing dot, matched exactly (no wildcards). */
  hosts: ReadonlySet<string>;
  ranges: readonly (readonly [Ip, number])[];
}

export const EMPTY_ALLOWLIST: Allowlist = { hosts: new Set(), ranges: [] };

/**
 * Comma-separated host names and CIDRs: `internal.example, 10.1.0.0/16, 127.0.0.1` (a bare address is its own
 * /32 or /128). Throws on a malformed CIDR, naming it.
 */
export function parseAllowlist(spec: string | undefined): Allowlist {
  const hosts = new Set<string>();
  const ranges: [Ip, number][] = [];
  for (const entry of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) throw new Error(`"${entry}" is not a valid CIDR (like 10.0.0.0/8 or fd00::/8)`);
      ranges.push(ipaddr.parseCIDR(entry));
    } else if (ipaddr.isValid(entry)) {
      const ip = ipaddr.parse(entry);
      ranges.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    } else {
      hosts.add(normalizeHostName(entry));
    }
  }
  return { hosts, ranges };
}

/** The entries again, as `parseAllowlist` reads them (the server sends its list to the browser this way). */
export function allowlistEntries(allow: Allowlist): string[] {
  return [...allow.hosts, ...allow.ranges.map(([ip, bits]) => `${ip.toString()}/${bits}`)];
}

/** An address inside an allowlisted range; an IPv4-mapped IPv6 address (the same destination) matches IPv4 ranges. */
export function allowlistsAddress(allow: Allowlist, ip: Ip): boolean {
  const forms: Ip[] = [ip];
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) forms.push((ip as ipaddr.IPv6).toIPv4Address());
  return allow.ranges.some(([net, bits]) => forms.some((f) => f.kind() === net.kind() && f.match(net, bits)));
}

export function allowlistsHost(allow: Allowlist, host: string): boolean {
  return allow.hosts.has(normalizeHostName(host));
}

export function normalizeHostName(host: string): string {
  return host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

let configured: Allowlist | null = null;
let fromEnv: { spec: string | undefined; list: Allowlist } | null = null;

/**
 * The deployment's allowlist, for rules checked where no allowlist is handed in (the HTTP step's config schema).
 * On the server it is `EMBER_HTTP_ALLOWLIST`, read on each call (operators and tests set it at any time); the
 * browser has no environment and is told the server's list with `setConfiguredAllowlist`. A malformed value (boot
 * refuses one) counts as empty: it never widens what passes.
 */
export function configuredAllowlist(): Allowlist {
  if (configured) return configured;
  const spec = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.EMBER_HTTP_ALLOWLIST;
  if (!fromEnv || fromEnv.spec !== spec) {
    let list = EMPTY_ALLOWLIST;
    try {
      list = parseAllowlist(spec);
    } catch {
      /* fail closed */
    }
    fromEnv = { spec, list };
  }
  return fromEnv.list;
}

/** The browser's copy of the server's allowlist (null: back to the environment's). */
export function setConfiguredAllowlist(allow: Allowlist | null): void {
  configured = allow;
}
