/**
 * Hostile input and unexpected errors over real HTTP, through the app's own server (createHttpApp): the body is
 * JSON-parsed by tRPC's adapter, so a 100,000-deep payload, `\u0000` escapes and lone-surrogate escapes arrive as
 * they would from an attacker. Each is a 400 naming the field with nothing written; a real Postgres error (a NUL
 * sent as a query parameter, 22021, wrapped by Drizzle with the SQL text) is a 500 with a generic message and an
 * `err_` reference that is also in the server log next to the real error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql as dsql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSession, SESSION_COOKIE } from '../../services/auth/session.ts';
import type { Db } from '../../db/client.ts';
import { createHttpApp } from '../../http/app.ts';
import type { Engine } from '../../runtime.ts';
import { dbTargets, useTestDatabase } from '../../testing/db.ts';
import { databaseFingerprint } from './fingerprint.ts';
import { leaks } from './hostile-variants.ts';

const SLUG = 'copper-kettle';
const REF = /^Something went wrong on our side \(reference (err_[0-9a-f]{16})\)\.$/;

interface TrpcErrorBody {
  error: { message: string; code: number; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]>; errorId?: string; stack?: string } };
}

describe.each(dbTargets())('hostile input over HTTP on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  const servers: { close(): void }[] = [];
  let staticDir: string;
  let base: string;
  let poisonedBase: string;
  let cookie: string;
  let workflowId: string;

  /** The app as `npm start` builds it, minus the engine (no events are sent by these requests). */
  async function start(db: Db): Promise<string> {
    const engine = { mode: 'embedded', functions: [], executor: null, stop: async () => {} } as unknown as Engine;
    const app = createHttpApp({ deps: { db, sessionTtlS: 3600, secureCookies: false, sendEvent: async () => {} }, sql: t.current.database.sql, staticDir, engine });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => void app.drain(1000) });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'ember-hostile-'));
    const { db, sql } = t.current.database;
    const [priya] = await sql`select id from users where email = 'priya@copperkettle.example'`;
    cookie = `${SESSION_COOKIE}=${(await createSession(db, priya!.id as string, 3600)).token}`;
    const [wf] = await sql`select id from workflows where name = 'Content-change guard'`;
    workflowId = wf!.id as string;
    base = await start(db);
    // Every transaction of this one first sends a NUL as a parameter: a real 22021 from Postgres, which Drizzle
    // wraps as "Failed query: select $1::text … params: …" — the kind of text that must never reach a client.
    const poisoned = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
        return (fn: (tx: unknown) => Promise<unknown>, config?: unknown) =>
          target.transaction(async (tx) => {
            await tx.execute(dsql`select ${'bad\u0000byte'}::text as x`);
            return fn(tx);
          }, config as never);
      },
    });
    poisonedBase = await start(poisoned);
  });

  afterAll(async () => {
    for (const s of servers) s.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  afterEach(() => vi.restoreAllMocks());

  const post = (url: string, procedure: string, rawBody: string, withCookie = true) =>
    fetch(`${url}/trpc/${procedure}`, { method: 'POST', body: rawBody, headers: { 'content-type': 'application/json', ...(withCookie ? { cookie } : {}) } });
  const slugAnd = (rest: string) => `{"companySlug":"${SLUG}",${rest}}`;

  /** A 400 whose field errors name `field` (a dotted prefix), with no internal text anywhere in the body. */
  async function expectRefused(res: Response, field: string, message?: RegExp) {
    const text = await res.text();
    expect({ status: res.status, leaks: leaks(text) }).toEqual({ status: 400, leaks: [] });
    const body = JSON.parse(text) as TrpcErrorBody;
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.data.stack).toBeUndefined();
    const keys = Object.keys(body.error.data.fieldErrors ?? {});
    expect(keys.some((k) => k === field || k.startsWith(`${field}.`))).toBe(true);
    if (message) expect(body.error.message).toMatch(message);
    return body;
  }

  it('refuses a 100,000-deep run payload (JSON-parsed by the adapter) with 400 naming payload, writing nothing', async () => {
    const before = await databaseFingerprint(t.current.database.sql);
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    await expectRefused(await post(base, 'runs.start', slugAnd(`"workflowId":"${workflowId}","payload":${deep}`)), 'payload', /payload\.a\.a.*nested more than 64 levels/);
    // The whole body as one deep array, to a procedure that takes no input at all.
    await expectRefused(await post(base, 'auth.signOut', `${'['.repeat(100_000)}${']'.repeat(100_000)}`), '0', /nested more than 64 levels/);
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
  });

  it('refuses NUL and lone-surrogate escapes in names, searches, field values and payloads, writing nothing', async () => {
    const before = await databaseFingerprint(t.current.database.sql);
    await expectRefused(await post(base, 'workflows.create', slugAnd('"name":"evil\\u0000name"')), 'name', /name: contains a NUL character/);
    await expectRefused(await post(base, 'workflows.create', slugAnd('"name":"ok","description":"half \\ud800 a pair"')), 'description', /unpaired surrogate/);
    await expectRefused(await post(base, 'runs.start', slugAnd(`"workflowId":"${workflowId}","payload":{"note":"\\u0000"}`)), 'payload.note');
    await expectRefused(await post(base, 'runs.start', slugAnd(`"workflowId":"${workflowId}","payload":{"\\udc00":1}`)), 'payload');
    const [product] = await t.current.database.sql`select id from products where sku = 'LPC-GRD-HB-12'`;
    await expectRefused(await post(base, 'products.updateField', slugAnd(`"id":"${product!.id}","attribute":"flavor","value":{"text":"a\\u0000b"}`)), 'value.text');
    const search = encodeURIComponent(slugAnd('"search":"cof\\u0000fee"'));
    await expectRefused(await fetch(`${base}/trpc/products.list?input=${search}`, { headers: { cookie } }), 'search');
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
  });

  it('refuses dates outside 1970..9999 and a 5 MB payload, naming the field and the limit', async () => {
    const before = await databaseFingerprint(t.current.database.sql);
    for (const d of ['+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z']) {
      const input = encodeURIComponent(slugAnd(`"before":"${d}"`));
      await expectRefused(await fetch(`${base}/trpc/runs.list?input=${input}`, { headers: { cookie } }), 'before', /between 1970-01-01 and 9999-12-31/);
    }
    await expectRefused(await post(base, 'runs.start', slugAnd(`"workflowId":"${workflowId}","payload":{"blob":"${'x'.repeat(5 * 1024 * 1024)}"}`)), 'payload.blob', /256 KB/);
    expect(await databaseFingerprint(t.current.database.sql)).toEqual(before);
  });

  it('checks each call of a batch on its own', async () => {
    const res = await fetch(`${base}/trpc/workflows.list,products.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { companySlug: SLUG }, 1: { companySlug: SLUG, search: 'a\u0000' } }))}`, { headers: { cookie } });
    const body = (await res.json()) as [{ result?: unknown }, TrpcErrorBody];
    expect(body[0].result).toBeDefined();
    expect(body[1].error.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(body[1].error.data.fieldErrors ?? {})).toEqual(['search']);
  });

  it('a Postgres error inside a procedure answers 500 with only a reference, and the log has the reference and the real error', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await post(poisonedBase, 'auth.signIn', JSON.stringify({ email: 'priya@copperkettle.example', password: 'ember-demo' }), false);
    const text = await res.text();
    expect({ status: res.status, leaks: leaks(text) }).toEqual({ status: 500, leaks: [] });
    const body = JSON.parse(text) as TrpcErrorBody;
    const ref = REF.exec(body.error.message)?.[1];
    expect(ref).toBeDefined();
    expect(body.error.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', errorId: ref });
    expect(body.error.data.stack).toBeUndefined();
    // Logged once, under the same reference, with the real error (the SQL and Postgres's own message).
    const lines = logged.mock.calls.filter((c) => String(c[0]).includes(ref!));
    expect(lines).toHaveLength(1);
    const real = lines[0]![1] as Error & { cause?: { code?: string } };
    expect(String(real.message)).toMatch(/Failed query: select \$1::text/);
    expect(real.cause?.code).toBe('22021');
  });

  it('a Postgres error while building the context (reading the session) is the same generic 500', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await post(poisonedBase, 'workflows.create', slugAnd('"name":"never written"'));
    const text = await res.text();
    expect({ status: res.status, leaks: leaks(text) }).toEqual({ status: 500, leaks: [] });
    const ref = REF.exec((JSON.parse(text) as TrpcErrorBody).error.message)?.[1];
    expect(ref).toBeDefined();
    expect(logged.mock.calls.filter((c) => String(c[0]).includes(ref!))).toHaveLength(1);
  });
});
