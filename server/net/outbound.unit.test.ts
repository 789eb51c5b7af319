import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowlist, SsrfError } from './ssrf.ts';
import { retailerFetch, setDemoRetailerOrigin } from './outbound.ts';

/** Two loopback servers: the app's own (the demo retailer origin) and another process on another port. */
let own: Server;
let other: Server;
let ownUrl = '';
let otherUrl = '';
const listen = (s: Server) => new Promise<string>((r) => s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));

beforeAll(async () => {
  own = createServer((req, res) => (req.url === '/hop' ? res.writeHead(302, { location: `${otherUrl}/secret` }).end() : res.writeHead(200).end(`own ${req.url}`)));
  other = createServer((_req, res) => res.writeHead(200).end('other'));
  [ownUrl, otherUrl] = await Promise.all([listen(own), listen(other)]);
});
afterEach(() => setDemoRetailerOrigin(null));
afterAll(async () => {
  await Promise.all([new Promise((r) => own.close(r)), new Promise((r) => other.close(r))]);
});

describe('retailer fetches and the demo origin', () => {
  const none = parseAllowlist('');

  it('allows exactly the registered demo origin, and resolves root-relative paths against it', async () => {
    setDemoRetailerOrigin(ownUrl);
    expect((await retailerFetch(none, { method: 'GET', url: `${ownUrl}/page` })).body).toBe('own /page');
    expect((await retailerFetch(none, { method: 'GET', url: '/demo-retailer/x' })).body).toBe('own /demo-retailer/x');
  });

  it('keeps refusing other loopback ports, and redirects out of the demo site', async () => {
    setDemoRetailerOrigin(ownUrl);
    await expect(retailerFetch(none, { method: 'GET', url: `${otherUrl}/secret` })).rejects.toThrow(SsrfError);
    await expect(retailerFetch(none, { method: 'GET', url: `${ownUrl}/hop` })).rejects.toThrow(/too many redirects/);
  });

  it('refuses loopback and demo paths when the demo site is off', async () => {
    await expect(retailerFetch(none, { method: 'GET', url: `${ownUrl}/page` })).rejects.toThrow(/127\.0\.0\.1 is a loopback address/);
    await expect(retailerFetch(none, { method: 'GET', url: '/demo-retailer/x' })).rejects.toThrow(/demo retailer site is not enabled/);
    // An explicit allowlist (the tests' 127.0.0.1/32) still works as before.
    expect((await retailerFetch(parseAllowlist('127.0.0.1/32'), { method: 'GET', url: `${otherUrl}/x` })).body).toBe('other');
  });
});
