/**
 * The SSRF table: address forms an attacker may write, each with the verdict the guard must reach. Test data, run
 * through the pure classifier (shared/net) and through the server's URL guard (ssrf.unit.test.ts).
 * - `ip`: a literal address, as written; in a URL it becomes the host (IPv6 bracketed).
 * - `host`: a host name; `resolvesTo` is what the test's resolver answers (every address must pass).
 * - `url`: a whole URL.
 */
export interface SsrfCase {
  kind: 'ip' | 'host' | 'url';
  input: string;
  verdict: 'allow' | 'refuse';
  category: SsrfCategory;
  resolvesTo?: string[];
  note?: string;
}

export type SsrfCategory =
  | 'ipv4 special range'
  | 'ipv4 public'
  | 'ipv4 notation'
  | 'ipv6 special range'
  | 'ipv6 public'
  | 'ipv4 in ipv6'
  | 'nat64'
  | '6to4'
  | 'teredo'
  | 'local name'
  | 'resolved name'
  | 'url form';

const ip = (input: string, verdict: SsrfCase['verdict'], category: SsrfCategory, note?: string): SsrfCase => ({ kind: 'ip', input, verdict, category, ...(note ? { note } : {}) });
const host = (input: string, resolvesTo: string[] | undefined, verdict: SsrfCase['verdict'], category: SsrfCategory, note?: string): SsrfCase => ({ kind: 'host', input, verdict, category, ...(resolvesTo ? { resolvesTo } : {}), ...(note ? { note } : {}) });
const url = (input: string, verdict: SsrfCase['verdict'], note?: string, resolvesTo?: string[]): SsrfCase => ({ kind: 'url', input, verdict, category: 'url form', ...(resolvesTo ? { resolvesTo } : {}), ...(note ? { note } : {}) });

export const SSRF_CASES: SsrfCase[] = [
  ip('127.0.0.1', 'refuse', 'ipv4 special range', 'loopback'),
  ip('127.255.255.254', 'refuse', 'ipv4 special range', 'loopback /8'),
  ip('0.0.0.0', 'refuse', 'ipv4 special range', 'unspecified (reaches localhost on Linux)'),
  ip('0.1.2.3', 'refuse', 'ipv4 special range', '"this network" 0/8'),
  ip('10.0.0.1', 'refuse', 'ipv4 special range', 'private'),
  ip('172.16.0.1', 'refuse', 'ipv4 special range', 'private'),
  ip('172.31.255.255', 'refuse', 'ipv4 special range', 'private, top of 172.16/12'),
  ip('192.168.1.1', 'refuse', 'ipv4 special range', 'private'),
  ip('169.254.169.254', 'refuse', 'ipv4 special range', 'link-local: cloud metadata'),
  ip('100.64.0.1', 'refuse', 'ipv4 special range', 'carrier-grade NAT'),
  ip('224.0.0.1', 'refuse', 'ipv4 special range', 'multicast'),
  ip('255.255.255.255', 'refuse', 'ipv4 special range', 'broadcast'),
  ip('240.0.0.1', 'refuse', 'ipv4 special range', 'reserved class E'),
  ip('192.0.0.8', 'refuse', 'ipv4 special range', 'IETF protocol assignments'),
  ip('192.0.2.1', 'refuse', 'ipv4 special range', 'documentation TEST-NET-1'),
  ip('198.18.0.1', 'refuse', 'ipv4 special range', 'benchmarking'),
  ip('198.51.100.7', 'refuse', 'ipv4 special range', 'documentation TEST-NET-2'),
  ip('203.0.113.9', 'refuse', 'ipv4 special range', 'documentation TEST-NET-3'),
  ip('192.88.99.1', 'refuse', 'ipv4 special range', '6to4 relay anycast'),
  ip('8.8.8.8', 'allow', 'ipv4 public'),
  ip('93.184.216.34', 'allow', 'ipv4 public'),
  ip('172.32.0.1', 'allow', 'ipv4 public', 'just above 172.16/12'),
  ip('100.128.0.1', 'allow', 'ipv4 public', 'just above 100.64/10'),

  ip('0177.0.0.1', 'refuse', 'ipv4 notation', 'octal 127.0.0.1'),
  ip('0x7f.1', 'refuse', 'ipv4 notation', 'hex, two parts'),
  ip('127.1', 'refuse', 'ipv4 notation', 'short form'),
  ip('2130706433', 'refuse', 'ipv4 notation', 'decimal 127.0.0.1'),
  ip('0x7f000001', 'refuse', 'ipv4 notation', 'hex 127.0.0.1'),
  ip('017700000001', 'refuse', 'ipv4 notation', 'octal 127.0.0.1 as one number'),
  ip('0xa9.0xfe.0xa9.0xfe', 'refuse', 'ipv4 notation', 'hex 169.254.169.254'),
  ip('10.1', 'refuse', 'ipv4 notation', 'short 10.0.0.1'),
  ip('0', 'refuse', 'ipv4 notation', '0.0.0.0 as one number'),
  ip('134744072', 'allow', 'ipv4 notation', 'decimal 8.8.8.8'),

  ip('::1', 'refuse', 'ipv6 special range', 'loopback'),
  ip('::', 'refuse', 'ipv6 special range', 'unspecified'),
  ip('fe80::1', 'refuse', 'ipv6 special range', 'link-local'),
  ip('fc00::1', 'refuse', 'ipv6 special range', 'unique-local'),
  ip('fd00:ec2::254', 'refuse', 'ipv6 special range', 'unique-local: AWS metadata over IPv6'),
  ip('ff02::1', 'refuse', 'ipv6 special range', 'multicast'),
  ip('fec0::1', 'refuse', 'ipv6 special range', 'deprecated site-local'),
  ip('2001:db8::1', 'refuse', 'ipv6 special range', 'documentation'),
  ip('3fff::1', 'refuse', 'ipv6 special range', 'documentation (RFC 9637)'),
  ip('100::1', 'refuse', 'ipv6 special range', 'discard-only'),
  ip('2001:2::1', 'refuse', 'ipv6 special range', 'benchmarking'),
  ip('4000::1', 'refuse', 'ipv6 special range', 'outside 2000::/3'),
  ip('2606:4700:4700::1111', 'allow', 'ipv6 public'),
  ip('2001:4860:4860::8888', 'allow', 'ipv6 public'),

  ip('::ffff:127.0.0.1', 'refuse', 'ipv4 in ipv6', 'IPv4-mapped loopback'),
  ip('::ffff:7f00:1', 'refuse', 'ipv4 in ipv6', 'IPv4-mapped loopback, hex'),
  ip('::ffff:a9fe:a9fe', 'refuse', 'ipv4 in ipv6', 'IPv4-mapped metadata'),
  ip('::ffff:10.0.0.1', 'refuse', 'ipv4 in ipv6', 'IPv4-mapped private'),
  ip('::ffff:0:7f00:1', 'refuse', 'ipv4 in ipv6', 'IPv4-translated (RFC 6145) loopback'),
  ip('::7f00:1', 'refuse', 'ipv4 in ipv6', 'IPv4-compatible loopback: the reported bypass'),
  ip('::127.0.0.1', 'refuse', 'ipv4 in ipv6', 'IPv4-compatible loopback, dotted'),
  ip('::a9fe:a9fe', 'refuse', 'ipv4 in ipv6', 'IPv4-compatible metadata'),
  ip('::8.8.8.8', 'refuse', 'ipv4 in ipv6', 'IPv4-compatible is deprecated: refused even when public'),
  ip('::ffff:8.8.8.8', 'allow', 'ipv4 in ipv6', 'IPv4-mapped public: the same destination as 8.8.8.8'),

  ip('64:ff9b::7f00:1', 'refuse', 'nat64', 'NAT64 of 127.0.0.1'),
  ip('64:ff9b::10.0.0.1', 'refuse', 'nat64', 'NAT64 of a private address'),
  ip('64:ff9b::a9fe:a9fe', 'refuse', 'nat64', 'NAT64 of metadata'),
  ip('64:ff9b:1::808:808', 'refuse', 'nat64', 'local-use NAT64 prefix'),
  ip('64:ff9b::808:808', 'allow', 'nat64', 'NAT64 of 8.8.8.8'),

  ip('2002:7f00:1::', 'refuse', '6to4', '6to4 of 127.0.0.1'),
  ip('2002:c0a8:101::1', 'refuse', '6to4', '6to4 of 192.168.1.1'),
  ip('2002:a9fe:a9fe::1', 'refuse', '6to4', '6to4 of metadata'),
  ip('2002:808:808::1', 'allow', '6to4', '6to4 of 8.8.8.8'),

  ip('2001:0:4136:e378:8000:63bf:80ff:fffe', 'refuse', 'teredo', 'Teredo whose client is 127.0.0.1'),
  ip('2001::1', 'refuse', 'teredo', 'any Teredo address'),

  host('localhost', undefined, 'refuse', 'local name'),
  host('LOCALHOST.', undefined, 'refuse', 'local name', 'upper case, trailing dot'),
  host('api.localhost', undefined, 'refuse', 'local name', 'RFC 6761: *.localhost is loopback'),
  host('printer.local', undefined, 'refuse', 'local name', 'mDNS'),
  host('metadata.google.internal', undefined, 'refuse', 'local name', 'GCP metadata'),
  host('router.home.arpa', undefined, 'refuse', 'local name'),
  host('jenkins', undefined, 'refuse', 'local name', 'single label: resolved through search domains'),
  host('internal.example', ['10.0.0.7'], 'refuse', 'resolved name', 'resolves to a private address'),
  host('mixed.example', ['93.184.216.34', '127.0.0.1'], 'refuse', 'resolved name', 'one of several addresses is loopback'),
  host('mapped.example', ['::ffff:169.254.169.254'], 'refuse', 'resolved name', 'resolves to IPv4-mapped metadata'),
  host('compat.example', ['::7f00:1'], 'refuse', 'resolved name', 'resolves to IPv4-compatible loopback'),
  host('nip.example', ['127.0.0.1'], 'refuse', 'resolved name', 'like 127.0.0.1.nip.io'),
  host('public.example', ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'], 'allow', 'resolved name'),

  url('http://[::127.0.0.1]:8080/', 'refuse', 'the reported bypass: the parser yields ::7f00:1'),
  url('http://[::ffff:127.0.0.1]/', 'refuse'),
  url('http://%31%32%37.0.0.1/', 'refuse', 'percent-encoded host'),
  url('http://\uff11\uff12\uff17.0.0.1/', 'refuse', 'full-width digits'),
  url('http://127.0.0.1.:80/', 'refuse', 'trailing dot'),
  url('http://1.2.3.4.5/', 'refuse', 'five-part number: not a URL'),
  url('http://user:pass@example.com/', 'refuse', 'credentials in the URL'),
  url('ftp://example.com/', 'refuse', 'scheme'),
  url('file:///etc/passwd', 'refuse', 'scheme'),
  url('gopher://127.0.0.1:6379/_INFO', 'refuse', 'scheme'),
  url('https://exa mple.com/a b', 'refuse', 'space in the host'),
  url('http://[fe80::1%25eth0]/', 'refuse', 'zone id: not a URL'),
  url('https://example.com/path?q=1', 'allow', 'public name', ['93.184.216.34']),
  url('https://EXAMPLE.com./x', 'allow', 'upper case, trailing dot', ['93.184.216.34']),
];
