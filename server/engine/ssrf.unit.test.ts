import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch, isBlockedAddress, parseAllowlist, SsrfError } from './ssrf.ts';

const none = parseAllowlist('');

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1', '127.1.2.3', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1',
  ])('refuses %s', (addr) => expect(isBlockedAddress(addr, none)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows public %s', (addr) => expect(isBlockedAddress(addr, none)).toBe(false));

  it('lets an allowlisted range through', () => {
    expect(isBlockedAddress('127.0.0.1', parseAllowlist('127.0.0.1/32'))).toBe(false);
    expect(isBlockedAddress('127.0.0.2', parseAllowlist('127.0.0.1/32'))).toBe(true);
  });
});

describe('guardedFetch', () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/ok') return void res.end('hello');
      if (req.url === '/to-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (req.url === '/to-loopback-name') return void res.writeHead(301, { location: `http://localhost:${port}/ok` }).end();
      if (req.url === '/to-ok') return void res.writeHead(302, { location: '/ok' }).end();
      if (req.url === '/big') return void res.end('x'.repeat(5000));
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it.each([
    'http://127.0.0.1/',
    'http://localhost/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://2130706433/', // decimal 127.0.0.1
    'http://0x7f000001/', // hex
    'http://0177.0.0.1/', // octal
    'http://0x7f.1/',
    'http://10.1.2.3/',
    'http://[fd00:ec2::254]/',
  ])('refuses %s', async (url) => {
    await expect(guardedFetch({ method: 'GET', url, allowlist: none, timeoutMs: 2000 })).rejects.toBeInstanceOf(SsrfError);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/', 'gopher://127.0.0.1/'])('refuses the scheme of %s', async (url) => {
    await expect(guardedFetch({ method: 'GET', url, allowlist: none })).rejects.toThrow(/only http and https/);
  });

  it('reaches an allowlisted loopback server, following a redirect', async () => {
    const allow = parseAllowlist('127.0.0.1/32');
    const res = await guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/to-ok`, allowlist: allow });
    expect(res).toMatchObject({ status: 200, body: 'hello', redirects: 1, url: `http://127.0.0.1:${port}/ok` });
  });

  it('re-checks redirects: an allowed server cannot bounce the request to a blocked address', async () => {
    const allow = parseAllowlist('127.0.0.1/32');
    await expect(guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/to-metadata`, allowlist: allow, timeoutMs: 2000 })).rejects.toBeInstanceOf(SsrfError);
    // localhost resolves to 127.0.0.1 (allowed range) or ::1 (not allowed): either way the name is checked at connect.
    const viaName = await guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/to-loopback-name`, allowlist: allow }).then(() => 'ok', (e: Error) => e.name);
    expect(['ok', 'SsrfError']).toContain(viaName);
  });

  it('caps the response size and the time', async () => {
    const allow = parseAllowlist('127.0.0.1/32');
    await expect(guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/big`, allowlist: allow, maxBytes: 1000 })).rejects.toThrow(/larger than 1000 bytes/);
    await expect(guardedFetch({ method: 'GET', url: `http://127.0.0.1:${port}/slow`, allowlist: allow, timeoutMs: 200 })).rejects.toThrow(/timed out/);
  });
});
