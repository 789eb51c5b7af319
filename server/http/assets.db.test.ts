/**
 * The asset HTTP endpoints on a real server: session cookie, membership and permission as in tRPC; bad input (not
 * an image, too big, unknown product, malformed query) is a typed error with nothing written — no row, no file, no
 * event; the same bytes twice are one asset; bytes and thumbnails come back to members only. The upload runs the
 * real functions with no Claude key: validation completes, tagging records nothing and the gallery says why.
 */
import { dataOf } from '../../shared/events/index.ts';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAUDE_NOT_CONFIGURED } from '../services/ai/config.ts';
import { fixture } from '../services/assets/testing/fixtures.ts';
import { directoryAssetStore } from '../services/assets/store.ts';
import { createSession } from '../services/auth/session.ts';
import { SESSION_COOKIE } from '../services/auth/session.ts';
import { SLUG, startHarness, type Harness } from '../workflow/testing/harness.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../testing/fake-anthropic.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { databaseFingerprint } from '../trpc/tests/fingerprint.ts';
import type { CatalogEvent } from '../../shared/events/index.ts';
import { createAssetRoutes } from './assets.ts';

const LIMIT = 1024 * 1024;

describe.each(dbTargets())('asset endpoints on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  let fake: FakeAnthropic;
  let server: http.Server;
  let base: string;
  let dir: string;
  const sent: CatalogEvent[] = [];
  const cookies: Record<string, string> = {};
  let productId: string;
  let bluewaterProductId: string;

  const files = async () => (await readdir(dir, { recursive: true })).filter((f) => /\.[a-z]+$/.test(f)).sort();
  const post = (who: string | null, query: string, body: Buffer, slug = SLUG) =>
    fetch(`${base}/api/companies/${slug}/assets?${query}`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/octet-stream', ...(who ? { cookie: `${SESSION_COOKIE}=${cookies[who]}` } : {}) } });
  const get = (who: string | null, pathname: string) => fetch(`${base}${pathname}`, { headers: who ? { cookie: `${SESSION_COOKIE}=${cookies[who]}` } : {} });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ember-upload-'));
    const store = directoryAssetStore(dir);
    fake = await startFakeAnthropic();
    // No API key: Claude steps fail with the "not configured" message.
    h = await startHarness(t.current.database, { claude: fake.config({ apiKey: undefined }), assets: store });
    const { db, sql } = t.current.database;
    for (const email of ['rachel@copperkettle.example', 'hannah@copperkettle.example', 'owen@bluewater.example']) {
      const [u] = await sql`select id from users where email = ${email}`;
      cookies[email.split('@')[0]!] = (await createSession(db, u!.id as string, 3600)).token;
    }
    productId = (await sql`select p.id from products p join companies c on c.id = p.company_id where c.slug = ${SLUG} and p.sku = 'LPC-WB-ETH-12'`)[0]!.id as string;
    bluewaterProductId = (await sql`select p.id from products p join companies c on c.id = p.company_id where c.slug = 'bluewater' limit 1`)[0]!.id as string;
    const routes = createAssetRoutes({ db, sessionTtlS: 3600, secureCookies: false, assets: store, maxUploadBytes: LIMIT, sendEvent: async (events) => {
      sent.push(...events);
      await h.sendEvent(events);
    } });
    server = http.createServer((req, res) => void routes(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await h?.stop();
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses bad input with a typed error and writes nothing: no row, no file, no event', async () => {
    const before = await databaseFingerprint(t.current.database.sql);
    const image = await fixture('small_800.jpg');
    const cases: [string, Promise<Response>, number, string][] = [
      ['signed out', post(null, `productId=${productId}`, image), 401, 'UNAUTHENTICATED'],
      ['viewer', post('hannah', `productId=${productId}`, image), 403, 'FORBIDDEN'],
      ['other company', post('owen', `productId=${productId}`, image), 404, 'NOT_FOUND'],
      ['not an image', post('rachel', `productId=${productId}&filename=notes.jpg`, Buffer.from('%PDF-1.7 this is not a picture')), 400, 'INVALID_INPUT'],
      ['empty', post('rachel', `productId=${productId}`, Buffer.alloc(0)), 400, 'INVALID_INPUT'],
      ['too big', post('rachel', `productId=${productId}`, Buffer.concat([image, Buffer.alloc(LIMIT)])), 413, 'INVALID_INPUT'],
      ['unknown product', post('rachel', `productId=3f0c5b8e-8e34-4c71-9d8a-0f6a2d1f9c11`, image), 404, 'NOT_FOUND'],
      ['another company\'s product', post('rachel', `productId=${bluewaterProductId}`, image), 404, 'NOT_FOUND'],
      ['malformed product id', post('rachel', `productId=42`, image), 400, 'INVALID_INPUT'],
      ['unknown role', post('rachel', `productId=${productId}&role=hero`, image), 400, 'INVALID_INPUT'],
      ['a NUL in the filename', post('rachel', `productId=${productId}&filename=a%00b.jpg`, image), 400, 'INVALID_INPUT'],
    ];
    for (const [label, res, status, code] of cases) {
      const r = await res;
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect({ label, status: r.status, code: body.error.code, hasMessage: body.error.message.length > 5 }).toEqual({ label, status, code, hasMessage: true });
    }
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
    expect(await files()).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('stores an upload once: the same bytes twice are one asset, one file and one event', async () => {
    const image = await fixture('small_800.jpg');
    const first = await post('rachel', `productId=${productId}&role=main&filename=eth-front.jpg`, image);
    expect(first.status).toBe(201);
    const created = (await first.json()) as { asset: { id: string; mimeType: string; sha256: string; role: string }; created: boolean };
    expect(created).toMatchObject({ created: true, asset: { mimeType: 'image/jpeg', role: 'main' } });
    const again = await post('rachel', `productId=${productId}&filename=copy.jpg`, image);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false, asset: { id: created.asset.id } });
    expect((await t.current.database.sql`select count(*)::int n from assets where product_id = ${productId}`)[0]!.n).toBe(1);
    expect(await files()).toHaveLength(1);
    expect(sent.map((e) => [e.name, dataOf(e, 'asset/uploaded').assetId])).toEqual([['asset/uploaded', created.asset.id]]);

    // Bytes back for members (viewers too), a thumbnail on request, nothing for anyone else.
    const bytes = Buffer.from(await (await get('hannah', `/api/companies/${SLUG}/assets/${created.asset.id}/content`)).arrayBuffer());
    expect(bytes.equals(image)).toBe(true);
    const thumb = await get('rachel', `/api/companies/${SLUG}/assets/${created.asset.id}/content?thumb=1`);
    expect(thumb.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(320);
    expect((await get('owen', `/api/companies/${SLUG}/assets/${created.asset.id}/content`)).status).toBe(404);
    expect((await get('owen', `/api/companies/bluewater/assets/${created.asset.id}/content`)).status).toBe(404);
    expect((await get(null, `/api/companies/${SLUG}/assets/${created.asset.id}/content`)).status).toBe(401);

    // The real functions ran on the upload: validated, and with no Claude key no tags — the gallery says why.
    await expect.poll(async () => (await h.editor.assets.list({ companySlug: SLUG, productId })).assets[0]?.status, { timeout: 15_000, interval: 50 }).toBe('validated');
    await expect.poll(async () => (await h.editor.assets.list({ companySlug: SLUG, productId })).assets[0]?.taggingError ?? null, { timeout: 15_000, interval: 50 }).toContain('ANTHROPIC_API_KEY');
    const list = await h.editor.assets.list({ companySlug: SLUG, productId });
    expect(list.assets[0]).toMatchObject({ tags: null, suggestedRole: null, validations: [{ retailer: 'amazon_us', passed: true }, { retailer: 'target_plus', passed: true }] });
    expect(list.tagging.available ? null : list.tagging.reason).toBe(process.env.ANTHROPIC_API_KEY ? null : CLAUDE_NOT_CONFIGURED);
    expect(fake.count()).toBe(0);
  });
});
