/**
 * Uploads that pass the magic-byte sniff but are not complete images are refused over HTTP with a 400 naming the
 * problem, and nothing is written: no row, no file, no event. A complete image (even with bytes after it) is stored.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryAssetStore } from '../services/assets/store.ts';
import { noise, PNG_SIGNATURE, pngBomb, signatureThenNoise, truncated } from '../services/assets/testing/broken-images.ts';
import { fixture } from '../services/assets/testing/fixtures.ts';
import { createSession, SESSION_COOKIE } from '../services/auth/session.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { databaseFingerprint } from '../trpc/tests/fingerprint.ts';
import { createAssetRoutes } from './assets.ts';

const SLUG = 'copper-kettle';

describe.each(dbTargets())('uploads are decoded in full before they are stored, on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let server: http.Server;
  let base = '';
  let dir = '';
  let cookie = '';
  let productId = '';
  const sent: unknown[] = [];

  const files = async () => (await readdir(dir, { recursive: true })).filter((f) => /\.[a-z]+$/.test(f));
  const post = (body: Buffer, filename = 'photo.png') =>
    fetch(`${base}/api/companies/${SLUG}/assets?productId=${productId}&role=main&filename=${filename}`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/octet-stream', cookie } });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ember-decode-'));
    const { db, sql } = t.current.database;
    const [u] = await sql`select id from users where email = 'rachel@copperkettle.example'`;
    cookie = `${SESSION_COOKIE}=${(await createSession(db, u!.id as string, 3600)).token}`;
    productId = (await sql`select p.id from products p join companies c on c.id = p.company_id where c.slug = ${SLUG} and p.sku = 'LPC-WB-ETH-12'`)[0]!.id as string;
    const routes = createAssetRoutes({ db, sessionTtlS: 3600, secureCookies: false, assets: directoryAssetStore(dir), sendEvent: async (events) => void sent.push(...events) });
    server = http.createServer((req, res) => void routes(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses truncated files, signatures followed by random bytes and a decompression bomb, writing nothing', async () => {
    const before = await databaseFingerprint(t.current.database.sql);
    const cases: [string, Buffer, RegExp][] = [
      ['truncated PNG', truncated(await fixture('tiny_400.png'), 0.6), /^The file is not a complete image: the PNG could not be decoded/],
      ['PNG signature + random bytes', signatureThenNoise(PNG_SIGNATURE, 20_000), /^The file is not a complete image: the PNG could not be decoded/],
      ['GIF signature + random bytes', signatureThenNoise('GIF89a', 20_000), /^The file is not a complete image: the GIF could not be decoded/],
      ['truncated JPEG', truncated(await fixture('small_800.jpg')), /^The file is not a complete image: the JPEG could not be decoded \(VipsJpeg: premature end of JPEG image\)/],
      ['30,000 × 30,000 PNG bomb', await pngBomb(30_000, 30_000), /^The image is too large: 30,000×30,000 pixels; the limit is 100,000,000 pixels \(100 megapixels\)\.$/],
    ];
    for (const [label, body, message] of cases) {
      const res = await post(body);
      const json = (await res.json()) as { error: { code: string; message: string; details: { field?: string; reason?: string } } };
      expect({ label, status: res.status, code: json.error.code, field: json.error.details.field, message: json.error.message }).toEqual({ label, status: 400, code: 'INVALID_INPUT', field: 'file', message: expect.stringMatching(message) });
    }
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
    expect(await files()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('stores a complete image, with or without bytes after its end', async () => {
    const png = await fixture('tiny_400.png');
    const res = await post(Buffer.concat([png, noise(1024)]));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ created: true, asset: { mimeType: 'image/png' } });
    expect(await files()).toHaveLength(1);
  });
});
