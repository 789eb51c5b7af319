/**
 * Which addresses outbound HTTP may reach: the rules of the SSRF guard (server/net/ssrf.ts), pure so the HTTP step's
 * form refuses the same URLs in the same words. Built on ipaddr.js `range()`.
 *
 * Glossary:
 * - public: an address whose range is `unicast` (for IPv6 also inside 2000::/3, the global unicast block). Nothing
 *   else passes unless the allowlist covers it.
 * - embedded IPv4: the IPv4 address an IPv6 transition form carries. IPv4-mapped `::ffff:0:0/96`, translated
 *   `::ffff:0:0:0/96`, NAT64 `64:ff9b::/96` and 6to4 `2002::/16` are judged by it (a public one passes);
 *   IPv4-compatible `::/96` (deprecated), local-use NAT64 `64:ff9b:1::/48` and Teredo `2001::/32` are refused
 *   whatever they carry, naming it.
 * - literal: an IP address written as the host. ipaddr.js reads the forms the WHATWG URL parser normalizes
 *   (`127.1`, `0x7f.1`, `0177.0.0.1`, `2130706433`), so a raw string and a parsed URL's host get the same verdict.
 */
import ipaddr from 'ipaddr.js';
import { allowlistsAddress, allowlistsHost, EMPTY_ALLOWLIST, normalizeHostName, type Allowlist } from './allowlist.ts';

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

export type AddressVerdict =
  | { allowed: true; address: string; range: 'unicast' | 'allowlisted' }
  /** `reason` is "<address> is <what>"; `what` alone reads after a name: "resolves to 10.0.0.7, a private address". */
  | { allowed: false; address: string; range: string; what: string; reason: string };

export type HostVerdict =
  /** An IP literal that passed; nothing left to check. */
  | { allowed: true; kind: 'address'; address: string; allowlisted: boolean }
  /** A name: unless allowlisted, every address it resolves to must pass classifyAddress. */
  | { allowed: true; kind: 'name'; name: string; allowlisted: boolean }
  | { allowed: false; reason: string };

const RANGE_LABELS: Record<string, string> = {
  unspecified: 'an unspecified ("this network") address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private address',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  amt: 'a special-purpose (AMT) address',
  as112: 'a special-purpose (AS112) address',
  as112v6: 'a special-purpose (AS112) address',
  uniqueLocal: 'a unique-local address',
  deprecatedSiteLocal: 'a site-local address',
  discard: 'a discard-only address',
  deprecatedOrchid: 'a special-purpose (ORCHID) address',
  orchid2: 'a special-purpose (ORCHIDv2) address',
  droneRemoteIdProtocolEntityTags: 'a special-purpose (DRIP) address',
  segmentRouting: 'a segment-routing address',
  notGlobal: 'outside the global unicast range',
};

const rangeLabel = (range: string) => RANGE_LABELS[range] ?? `a ${range} address`;

interface Refusal {
  range: string;
  what: string;
}

/** Classifies one IP address, in any notation ipaddr.js reads (brackets allowed). Anything else is refused. */
export function classifyAddress(input: string, allow: Allowlist = EMPTY_ALLOWLIST): AddressVerdict {
  const raw = input.trim().replace(/^\[|\]$/g, '');
  const ip = parseIp(raw);
  if (!ip) return { allowed: false, address: raw, range: 'invalid', what: 'not an IP address', reason: `${raw} is not an IP address` };
  const address = ip.toString();
  if (allowlistsAddress(allow, ip)) return { allowed: true, address, range: 'allowlisted' };
  const refusal = ip.kind() === 'ipv4' ? judgeV4(ip as ipaddr.IPv4) : judgeV6(ip as ipaddr.IPv6);
  return refusal ? { allowed: false, address, ...refusal, reason: `${address} is ${refusal.what}` } : { allowed: true, address, range: 'unicast' };
}

/**
 * ipaddr.js reads `::a.b.c.d` as IPv4-mapped; RFC 4291 (and the URL parser, and the socket) read it as
 * IPv4-compatible `::/96`. Parse it the way it will be connected to.
 */
function parseIp(raw: string): Ip | null {
  const compat = /^::(\d+\.\d+\.\d+\.\d+)$/.exec(raw);
  if (compat && ipaddr.IPv4.isValidFourPartDecimal(compat[1]!)) {
    const [a, b, c, d] = ipaddr.IPv4.parse(compat[1]!).octets as [number, number, number, number];
    return new ipaddr.IPv6([0, 0, 0, 0, 0, 0, (a << 8) | b, (c << 8) | d]);
  }
  return ipaddr.isValid(raw) ? ipaddr.parse(raw) : null;
}

function judgeV4(ip: ipaddr.IPv4): Refusal | null {
  const range = ip.range();
  return range === 'unicast' ? null : { range, what: rangeLabel(range) };
}

function judgeV6(ip: ipaddr.IPv6): Refusal | null {
  const range: string = ip.range();
  const p = ip.parts;
  const v4At = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  /** Judged by the IPv4 address it carries: refused exactly when that one would be. */
  const carrying = (form: string, v4: ipaddr.IPv4): Refusal | null => {
    const inner = judgeV4(v4);
    return inner && { range: inner.range, what: `${form} of ${v4.toString()}, ${inner.what}` };
  };
  /** Refused whatever it carries; the message names what that is. */
  const tunnel = (form: string, v4: ipaddr.IPv4): Refusal => {
    const inner = judgeV4(v4);
    return { range, what: `${form} carrying ${v4.toString()}${inner ? ` (${inner.what})` : ''}; only plain public addresses are allowed` };
  };

  if (range === 'ipv4Mapped' || range === 'rfc6145') return carrying(range === 'ipv4Mapped' ? 'an IPv4-mapped IPv6 address' : 'an IPv4-translated IPv6 address', v4At(p[6]!, p[7]!));
  if (range === 'rfc6052') {
    // 64:ff9b::/96 carries the address in its last 32 bits; the local-use 64:ff9b:1::/48 lets the operator choose.
    if (p[2] === 1) return tunnel('a local-use NAT64 address (64:ff9b:1::/48)', v4At(p[6]!, p[7]!));
    return carrying('a NAT64 address', v4At(p[6]!, p[7]!));
  }
  if (range === '6to4') return carrying('a 6to4 address', v4At(p[1]!, p[2]!));
  if (range === 'teredo') {
    // Server in bits 32–63, the client's address inverted in the last 32 bits; the relay reaches the client.
    const client = v4At(p[6]! ^ 0xffff, p[7]! ^ 0xffff);
    return tunnel(`a Teredo address (server ${v4At(p[2]!, p[3]!).toString()})`, client);
  }
  if (range === 'unicast' && p.slice(0, 6).every((x) => x === 0)) {
    return { ...tunnel('an IPv4-compatible IPv6 address (deprecated, ::/96)', v4At(p[6]!, p[7]!)), range: 'ipv4Compatible' };
  }
  if (range !== 'unicast') return { range, what: rangeLabel(range) };
  // 2000::/3 is the only IPv6 space handed out for the public internet.
  if (p[0]! >> 13 !== 1) return { range: 'notGlobal', what: `${rangeLabel('notGlobal')} (2000::/3)` };
  return null;
}

/** Names that always mean this machine or the local network, whatever DNS says. */
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa', 'lan'];

/**
 * Classifies a URL's host before any DNS: a literal IP gets its verdict, a local name (`localhost`, `*.local`,
 * `*.internal`, a single label) is refused, any other name passes pending resolution. An allowlisted host passes.
 */
export function classifyHost(host: string, allow: Allowlist = EMPTY_ALLOWLIST): HostVerdict {
  const name = normalizeHostName(host);
  const allowlisted = allowlistsHost(allow, name);
  const ip = parseIp(name);
  if (ip) {
    if (allowlisted) return { allowed: true, kind: 'address', address: ip.toString(), allowlisted };
    const v = classifyAddress(name, allow);
    return v.allowed ? { allowed: true, kind: 'address', address: v.address, allowlisted: v.range === 'allowlisted' } : { allowed: false, reason: v.reason };
  }
  if (allowlisted) return { allowed: true, kind: 'name', name, allowlisted };
  if (!name) return { allowed: false, reason: 'the URL has no host' };
  // WHATWG treats a host whose last label is a number as IPv4; one that is not a valid address is no name either.
  if (/(^|\.)(0x[0-9a-f]*|\d+)$/i.test(name)) return { allowed: false, reason: `${name} is not a valid IP address` };
  const local = LOCAL_SUFFIXES.find((s) => name === s || name.endsWith(`.${s}`));
  if (local) return { allowed: false, reason: `${name} is a local name (.${local}), not a public one` };
  if (!name.includes('.')) return { allowed: false, reason: `${name} is a single-label name, resolved on the local network` };
  return { allowed: true, kind: 'name', name, allowlisted: false };
}
