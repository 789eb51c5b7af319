/** The SSRF table (ssrf-cases.ts) through the pure classifier, the server's URL guard and the HTTP step's schema. */
import { describe, expect, it } from 'vitest';
import { classifyAddress, classifyHost } from '../../shared/net/address.ts';
import { EMPTY_ALLOWLIST, parseAllowlist } from '../../shared/net/allowlist.ts';
import { checkOutboundUrl } from '../../shared/net/url.ts';
import { httpRequestStep } from '../../shared/steps/kinds/http-request.ts';
import { SSRF_CASES, type SsrfCase } from './ssrf-cases.ts';
import { SsrfError, vetUrl, type Resolver } from './ssrf.ts';

const urlOf = (c: SsrfCase) => (c.kind === 'url' ? c.input : `http://${c.kind === 'ip' && c.input.includes(':') ? `[${c.input}]` : c.input}/`);

const resolverFor =
  (c: SsrfCase): Resolver =>
  async (name) => {
    if (!c.resolvesTo) throw Object.assign(new Error(`${name}: no such host in this test`), { code: 'ENOTFOUND' });
    return c.resolvesTo.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

/** The pure rules alone: the host's verdict, then (for a name) every address the table says it resolves to. */
function classify(c: SsrfCase): { allowed: boolean; reason?: string } {
  let verdict;
  if (c.kind === 'ip') verdict = classifyHost(c.input);
  else if (c.kind === 'host') verdict = classifyHost(c.input);
  else {
    const u = checkOutboundUrl(c.input);
    if (!u.ok) return { allowed: false, reason: u.reason };
    verdict = u.host;
  }
  if (!verdict.allowed) return { allowed: false, reason: verdict.reason };
  if (verdict.kind === 'address') return { allowed: true };
  const bad = (c.resolvesTo ?? []).map((a) => classifyAddress(a)).find((v) => !v.allowed);
  return bad && !bad.allowed ? { allowed: false, reason: bad.reason } : { allowed: true };
}

describe('the SSRF table', () => {
  it('has at least 40 cases, every category with both verdicts where both exist', () => {
    expect(SSRF_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(SSRF_CASES.map((c) => c.input)).size).toBe(SSRF_CASES.length);
    for (const c of SSRF_CASES) if (c.verdict === 'allow' && c.kind !== 'ip') expect(c.resolvesTo ?? (c.kind === 'url' ? [] : undefined), c.input).toBeDefined();
  });

  describe.each(SSRF_CASES)('$input ($category)', (c) => {
    it(`the classifier says ${c.verdict}`, () => {
      const v = classify(c);
      expect(v.allowed, v.reason).toBe(c.verdict === 'allow');
      if (!v.allowed) expect(v.reason).toMatch(/\S/);
    });

    it(`the URL guard says ${c.verdict}`, async () => {
      const vetted = vetUrl(urlOf(c), EMPTY_ALLOWLIST, resolverFor(c));
      if (c.verdict === 'allow') await expect(vetted).resolves.toMatchObject({ addresses: expect.any(Array) });
      else await expect(vetted).rejects.toBeInstanceOf(SsrfError);
    });
  });

  it('a raw literal and the URL parser agree: a literal is judged the same written raw or as a URL host', () => {
    for (const c of SSRF_CASES.filter((x) => x.kind === 'ip')) {
      const raw = classifyAddress(c.input);
      const viaUrl = checkOutboundUrl(urlOf(c));
      expect(viaUrl.ok, c.input).toBe(raw.allowed);
    }
  });

  it("the HTTP step's URL field refuses every case decidable without DNS, with the guard's words", () => {
    const field = httpRequestStep.config.shape.url;
    for (const c of SSRF_CASES) {
      const verdict = classify(c);
      const parsed = field.safeParse(urlOf(c));
      const needsDns = c.kind !== 'ip' && (c.resolvesTo?.length ?? 0) > 0;
      if (needsDns) expect(parsed.success, c.input).toBe(true);
      else {
        expect(parsed.success, c.input).toBe(verdict.allowed);
        if (!parsed.success) expect(parsed.error.issues[0]!.message).toBe(verdict.reason);
      }
    }
  });
});

describe('classifier details', () => {
  it('names the embedded address and its range', () => {
    expect(classifyAddress('::7f00:1')).toMatchObject({ allowed: false, range: 'ipv4Compatible', reason: expect.stringContaining('127.0.0.1 (a loopback address)') });
    expect(classifyAddress('::ffff:a9fe:a9fe')).toMatchObject({ allowed: false, range: 'linkLocal', reason: '::ffff:a9fe:a9fe is an IPv4-mapped IPv6 address of 169.254.169.254, a link-local address' });
    expect(classifyAddress('2001:0:4136:e378:8000:63bf:80ff:fffe')).toMatchObject({ allowed: false, range: 'teredo', reason: expect.stringMatching(/Teredo address \(server 65\.54\.227\.120\) carrying 127\.0\.0\.1 \(a loopback address\)/) });
    expect(classifyAddress('0177.0.0.1')).toMatchObject({ allowed: false, address: '127.0.0.1', range: 'loopback', reason: '127.0.0.1 is a loopback address' });
    expect(classifyAddress('example.com')).toMatchObject({ allowed: false, range: 'invalid' });
  });

  it('lets the allowlist through: CIDRs for addresses (an IPv4-mapped form counts), names for names', () => {
    const allow = parseAllowlist('127.0.0.1/32, 10.1.0.0/16, fd00::/8, Build.Internal');
    expect(classifyAddress('127.0.0.1', allow)).toMatchObject({ allowed: true, range: 'allowlisted' });
    expect(classifyAddress('::ffff:127.0.0.1', allow)).toMatchObject({ allowed: true, range: 'allowlisted' });
    expect(classifyAddress('127.0.0.2', allow).allowed).toBe(false);
    expect(classifyAddress('10.1.200.3', allow).allowed).toBe(true);
    expect(classifyAddress('10.2.0.1', allow).allowed).toBe(false);
    expect(classifyAddress('fd00::1', allow).allowed).toBe(true);
    expect(classifyHost('build.internal.', allow)).toMatchObject({ allowed: true, kind: 'name', allowlisted: true });
    expect(classifyHost('other.internal', allow).allowed).toBe(false);
    expect(() => parseAllowlist('10.0.0.0/33')).toThrow(/not a valid CIDR/);
  });
});
