import { afterEach, describe, expect, it } from 'vitest';
import { parseAllowlist, setConfiguredAllowlist } from '../../net/allowlist.ts';
import { httpRequestStep } from './http-request.ts';

const ok = { method: 'POST', url: 'https://api.example.com/items', headers: { 'X-Api-Key': 'k', 'content-type': 'application/json' }, body: '{"a": [1, 2]}', timeoutMs: 5000 };
const messages = (c: unknown) => {
  const r = httpRequestStep.config.safeParse(c);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.code === 'invalid_key' ? i.issues[0]?.message : i.message}`);
};

afterEach(() => setConfiguredAllowlist(null));

describe('http_request config', () => {
  it('takes a public URL, token header names and a JSON body', () => {
    expect(messages(ok)).toEqual([]);
    expect(messages({ ...ok, body: undefined })).toEqual([]);
  });

  it('refuses a malformed URL, another scheme, credentials, and literal private addresses or local names by the guard rules', () => {
    expect(messages({ ...ok, url: '' })).toEqual(['url: enter an http:// or https:// URL']);
    expect(messages({ ...ok, url: 'https://exa mple.com/a b' })).toEqual(['url: not a valid URL (it contains a space; encode it as %20)']);
    expect(messages({ ...ok, url: 'ftp://example.com/' })).toEqual(['url: only http:// and https:// URLs are allowed, not ftp:']);
    expect(messages({ ...ok, url: 'https://me:pw@example.com/' })).toEqual(['url: URLs with a user name or password are not allowed; send credentials in a header']);
    expect(messages({ ...ok, url: 'http://[::127.0.0.1]:8080/' })).toEqual([expect.stringMatching(/^url: ::7f00:1 is an IPv4-compatible IPv6 address .*127\.0\.0\.1 \(a loopback address\)/)]);
    expect(messages({ ...ok, url: 'http://0x7f.1/' })).toEqual(['url: 127.0.0.1 is a loopback address']);
    expect(messages({ ...ok, url: 'http://169.254.169.254/latest/meta-data/' })).toEqual(['url: 169.254.169.254 is a link-local address']);
    expect(messages({ ...ok, url: 'http://localhost:3000/' })).toEqual(['url: localhost is a local name (.localhost), not a public one']);
    expect(messages({ method: 'GET' })).toEqual(['url: enter an http:// or https:// URL']);
    // The five inputs of issue 17, point 7, each refused by the schema the form and publishing share.
    expect(messages({ ...ok, url: 'http://localhost:5432/' })).toEqual(['url: localhost is a local name (.localhost), not a public one']);
    expect(messages({ ...ok, url: 'http://10.0.0.1/' })).toEqual(['url: 10.0.0.1 is a private address']);
    // A space only in the path: Node would encode it, a browser too; both refuse it alike rather than guess.
    expect(messages({ ...ok, url: 'https://example.com/a b' })).toEqual(['url: not a valid URL (it contains a space; encode it as %20)']);
    expect(messages({ ...ok, url: 'https://exa\tmple.com/' })).toEqual(['url: not a valid URL (it contains a space; encode it as %20)']);
    expect(messages({ ...ok, url: 'https://[::1' })).toEqual(['url: not a valid URL']);
  });

  it('lets through what the deployment allowlists', () => {
    setConfiguredAllowlist(parseAllowlist('10.0.0.0/8, build.internal'));
    expect(messages({ ...ok, url: 'http://10.1.2.3/hook' })).toEqual([]);
    expect(messages({ ...ok, url: 'http://build.internal/job' })).toEqual([]);
    expect(messages({ ...ok, url: 'http://127.0.0.1/' })).toEqual(['url: 127.0.0.1 is a loopback address']);
  });

  it('refuses a body that is not JSON, and header names that are not RFC 7230 tokens', () => {
    expect(messages({ ...ok, body: '{"broken": json, }' })).toEqual([expect.stringMatching(/^body: not valid JSON: /)]);
    expect(messages({ ...ok, headers: { 'Bad Header:': 'x' } })).toEqual([expect.stringMatching(/^headers\.Bad Header:: a header name is letters, digits/)]);
    expect(messages({ ...ok, headers: { 'X-Ok': 'a\r\nInjected: 1' } })).toEqual(['headers.X-Ok: a header value cannot contain a line break']);
  });
});
