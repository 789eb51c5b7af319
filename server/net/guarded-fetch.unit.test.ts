/** guardedFetch against a loopback server: redirects vetted hop by hop, names vetted after DNS, pinned connects. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { guardedFetch, parseAllowlist, SsrfError, type Resolver } from './ssrf.ts';

const none = parseAllowlist('');
const loopback = parseAllowlist('127.0.0.1/32');

let server: http.Server;
let port = 0;
const seen: { url: string; host: string | undefined; authorization: string | undefined }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', host: req.headers.host, authorization: req.headers.authorization });
    const to = (location: string, status = 302) => void res.writeHead(status, { location }).end();
    if (req.url === '/ok') return void res.end('hello');
    if (req.url === '/to-metadata') return to('http://169.254.169.254/latest/meta-data/');
    if (req.url === '/to-private') return to('http://10.0.0.5/admin');
    if (req.url === '/to-compat-loopback') return to(`http://[::127.0.0.1]:${port}/secret`);
    if (req.url === '/to-octal-loopback') return to(`http://0177.0.0.2:${port}/secret`);
    if (req.url === '/to-internal-name') return to(`http://internal.example:${port}/secret`);
    if (req.url === '/to-file') return to('file:///etc/passwd');
    if (req.url === '/to-loopback-name') return to(`http://localhost:${port}/ok`, 301);
    if (req.url === '/to-ok') return to('/ok');
    if (req.url === '/to-other-origin') return to(`http://public.example:${port}/ok`);
    if (req.url === '/loop') return to('/loop');
    if (req.url === '/big') return void res.end('x'.repeat(5000));
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(() => void (seen.length = 0));

/** A resolver from a table; counts its calls. */
function fakeDns(table: Record<string, string[]>) {
  const calls: string[] = [];
  const resolve: Resolver = async (name) => {
    calls.push(name);
    const list = table[name];
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, calls };
}

describe('guardedFetch', () => {
  it.each([
    'http://127.0.0.1/',
    'http://localhost/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::127.0.0.1]/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://0x7f.1/',
    'http://10.1.2.3/',
    'http://[fd00:ec2::254]/',
  ])('refuses %s before connecting', async (url) => {
    await expect(guardedFetch({ method: 'GET', url, allowlist: none, timeoutMs: 2000 })).rejects.toBeInstanceOf(SsrfError);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/', 'gopher://127.0.0.1/'])('refuses the scheme of %s', async (url) => {
    await expect(guardedFetch({ method: 'GET', url, allowlist: none })).rejects.toThrow(/only http:\/\/ and https:\/\//);
  });

  it('reaches an allowlisted loopback server, following a redirect', async () => {
    const res = await guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/to-ok`, allowlist: loopback });
    expect(res).toMatchObject({ status: 200, body: 'hello', redirects: 1, url: `http://127.0.0.1:${port}/ok` });
  });

  it.each([
    ['/to-metadata', /169\.254\.169\.254 is a link-local address/],
    ['/to-private', /10\.0\.0\.5 is a private address/],
    ['/to-compat-loopback', /::7f00:1 is an IPv4-compatible IPv6 address .* carrying 127\.0\.0\.1/],
    ['/to-octal-loopback', /127\.0\.0\.2 is a loopback address/],
    ['/to-internal-name', /internal\.example resolves to 10\.9\.8\.7, a private address/],
    ['/to-file', /only http:\/\/ and https:\/\//],
  ])('re-vets every redirect hop: an allowed server cannot bounce the request via %s', async (path, reason) => {
    const dns = fakeDns({ 'internal.example': ['10.9.8.7'] });
    await expect(guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}${path}`, allowlist: loopback, resolve: dns.resolve, timeoutMs: 2000 })).rejects.toThrow(reason);
    expect(seen.map((s) => s.url)).toEqual([path]);
  });

  it('refuses a redirect to a name that resolves to loopback outside the allowlist (localhost is refused by name)', async () => {
    await expect(guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/to-loopback-name`, allowlist: loopback })).rejects.toThrow(/localhost is a local name/);
  });

  it('stops after the redirect limit', async () => {
    await expect(guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/loop`, allowlist: loopback, maxRedirects: 3 })).rejects.toThrow(/too many redirects \(more than 3\)/);
    expect(seen).toHaveLength(4);
  });

  it('refuses a host name that resolves to a private address, or to one private address among public ones', async () => {
    const dns = fakeDns({ 'intranet.example': ['192.168.4.4'], 'split.example': ['93.184.216.34', '127.0.0.1'] });
    await expect(guardedFetch({ method: 'GET', url: `http://intranet.example:${port}/ok`, allowlist: none, resolve: dns.resolve })).rejects.toThrow('intranet.example resolves to 192.168.4.4, a private address');
    await expect(guardedFetch({ method: 'GET', url: `http://split.example:${port}/ok`, allowlist: none, resolve: dns.resolve })).rejects.toThrow(/split\.example resolves to 127\.0\.0\.1, a loopback address/);
    expect(seen).toEqual([]);
  });

  it('refuses localhost through the system resolver too (by name, before DNS)', async () => {
    await expect(guardedFetch({ method: 'GET', url: `http://localhost:${port}/ok`, allowlist: none })).rejects.toThrow(/local name/);
    expect(seen).toEqual([]);
  });

  it('connects to the address it vetted: one lookup per hop, the name kept in the Host header', async () => {
    // A rebinding resolver: the first answer passes (allowlisted loopback), any later one would be metadata.
    let n = 0;
    const calls: string[] = [];
    const rebinding: Resolver = async (name) => {
      calls.push(name);
      return [{ address: n++ === 0 ? '127.0.0.1' : '169.254.169.254', family: 4 }];
    };
    const res = await guardedFetch({ method: 'GET', url: `http://rebind.example:${port}/ok`, allowlist: loopback, resolve: rebinding });
    expect(res).toMatchObject({ status: 200, body: 'hello' });
    expect(calls).toEqual(['rebind.example']);
    expect(seen).toEqual([expect.objectContaining({ url: '/ok', host: `rebind.example:${port}` })]);
  });

  it('lets an allowlisted host name through whatever it resolves to', async () => {
    const dns = fakeDns({ 'build.corp.example': ['127.0.0.1'] });
    const res = await guardedFetch({ method: 'GET', url: `http://build.corp.example:${port}/ok`, allowlist: parseAllowlist('build.corp.example'), resolve: dns.resolve });
    expect(res.body).toBe('hello');
  });

  it('drops credential headers when a redirect leaves the origin', async () => {
    const dns = fakeDns({ 'public.example': ['127.0.0.1'] });
    const allow = parseAllowlist('127.0.0.1/32');
    await guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/to-other-origin`, headers: { authorization: 'Bearer s3cret' }, allowlist: allow, resolve: dns.resolve });
    expect(seen.map((s) => [s.url, s.authorization])).toEqual([['/to-other-origin', 'Bearer s3cret'], ['/ok', undefined]]);
  });

  it('caps the response size and the time', async () => {
    await expect(guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/big`, allowlist: loopback, maxBytes: 1000 })).rejects.toThrow(/larger than 1000 bytes/);
    await expect(guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/slow`, allowlist: loopback, timeoutMs: 200 })).rejects.toThrow(/timed out/);
    const hanging: Resolver = () => new Promise(() => {});
    await expect(guardedFetch({ method: 'GET', url: 'http://slow-dns.example/', allowlist: none, resolve: hanging, timeoutMs: 200 })).rejects.toThrow(/timed out after \d+ ms resolving/);
  });
});
