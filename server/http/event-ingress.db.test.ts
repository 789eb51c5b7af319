/**
 * The event ingress's security suite, over real HTTP on the real app handler, with the real functions on the real
 * executor against a seeded database. For every event of the catalog: no key, a revoked key and a made-up key are
 * 401; an internal event from outside is 403 naming it, whatever the key; another company's key aimed at this
 * company's records is accepted as *that* company and changes none of this company's rows; a forged `companyId` is
 * overwritten by the key's company. Every tenant table is digested per company before and after, once the executor
 * is idle (its queue drained, every run the events started ended or parked on a wait). Crons are parked for the
 * file so that only the events under test act.
 */
import { sql as dsql } from 'drizzle-orm';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCompanyId } from '../demo/seed/seed.ts';
import { EVENT_CATALOG, EXTERNAL_EVENTS, type EventName } from '../../shared/events/index.ts';
import { INGRESS_LIMITS } from '../../shared/events/ingress.ts';
import { edge, graph, step, trig } from '../../shared/graph/fixtures.ts';
import type postgres from 'postgres';
import { SLUG, startHarness, type Harness } from '../workflow/testing/harness.ts';
import { callerAs } from '../testing/callers.ts';
import { dbTargets, useTestDatabase } from '../testing/db.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../testing/fake-anthropic.ts';
import { databaseFingerprint } from '../trpc/tests/fingerprint.ts';
import { createHttpApp } from './app.ts';
import { createEventIngress } from './event-ingress.ts';
import { withScope } from '../db/tx.ts';
import { hashEventKey } from '../services/event-keys/keys.ts';
import { findEventKey, lastUsedStamper } from '../services/event-keys/lookup.ts';

const A = demoCompanyId('copper-kettle');
const B = demoCompanyId('bluewater');
const NO_KEY = { error: 'Event key not found or revoked', status: 401 };

/** Per company, a digest of its rows in every table with a company_id (and its companies row), read as the owner. */
async function companyDigest(sql: postgres.Sql, companyId: string): Promise<Record<string, string>> {
  const tables = await sql<{ t: string }[]>`
    select c.table_name as t from information_schema.columns c
    join information_schema.tables x on x.table_name = c.table_name and x.table_schema = c.table_schema and x.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.column_name = 'company_id' order by 1`;
  const out: Record<string, string> = {};
  for (const { t } of [...tables, { t: 'companies' }]) {
    const column = t === 'companies' ? 'id' : 'company_id';
    const [row] = await sql.unsafe(`select count(*)::int n, coalesce(md5(string_agg(x::text, ',' order by x::text)), '') h from "${t}" x where ${column} = $1`, [companyId]);
    out[t] = `${row!.n}:${row!.h}`;
  }
  return out;
}

/**
 * Resolves once the executor has nothing left to do: no queue item but the timeouts of runs parked on a wait, no run
 * running outside such a wait, no leased item, and the given events stored. Polls the executor's tables (bounded).
 */
async function executorIdle(sql: postgres.Sql, eventIds: string[] = [], timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [s] = await sql<{ busy: number; active: number; stored: number }[]>`select
      (select count(*)::int from ember_exec.queue q where q.kind <> 'wait_timeout' or q.lease_owner is not null) as busy,
      (select count(*)::int from ember_exec.runs r where r.status = 'running'
         and not exists (select 1 from ember_exec.pauses p where p.run_id = r.id)) as active,
      (select count(*)::int from ember_exec.events e where e.id = any(${eventIds}::text[])) as stored`;
    if (s!.busy === 0 && s!.active === 0 && s!.stored === eventIds.length) return;
    if (Date.now() > deadline) {
      const queue = await sql`select run_id, kind, step_id, run_at, lease_owner from ember_exec.queue limit 20`;
      throw new Error(`executor not idle after ${timeoutMs} ms: ${JSON.stringify({ ...s, queue })}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(dbTargets())('event ingress on $name postgres', (target) => {
  const t = useTestDatabase(target, { seeded: true });
  let h: Harness;
  let fake: FakeAnthropic;
  let app: ReturnType<typeof createHttpApp>;
  let base = '';
  const keys = {} as { a: string; b: string; revokedA: string; aId: string };
  const records = {} as { productA: string; productB: string };
  const sent: { name: string; companyId: unknown }[] = [];

  const post = (key: string | null, body: unknown, init: RequestInit = {}) =>
    fetch(`${base}/e/${key ?? ''}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' }, ...init });
  const sql = () => t.current.database.sql;
  const storedEvents = async () => Number((await sql()`select count(*)::int n from ember_exec.events`)[0]!.n);

  /** A valid payload for each event, aimed at company A's records (internal events: just a company). */
  function aimedAtA(name: EventName): Record<string, unknown> {
    const base = { companyId: A };
    switch (name) {
      case 'product/uploaded':
        return { ...base, productIds: [records.productA], source: 'api', uploadedBy: null, enrich: { fields: ['title'] } };
      case 'audit/requested':
        return { ...base, productIds: [records.productA] };
      case 'enrichment/shadow.run':
        return { ...base, shadowRunId: randomUUID(), productIds: [records.productA], fields: ['title'], skill: 'generate_title', reason: 'security suite' };
      case 'retailer/specs.check.requested':
        return { ...base, retailer: 'walmart_us' };
      case 'retailer/watchdog.requested':
        return { ...base, productIds: [records.productA] };
      case 'listing/publish.requested':
        return { ...base, productIds: [records.productA] };
      case 'notification/requested':
        return { ...base, message: 'from outside' };
      default:
        return { ...base, productId: records.productA, workflowRunId: randomUUID(), taskId: randomUUID() };
    }
  }

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    // No Claude key: Claude steps fail at once, so the functions end quickly and without the network.
    h = await startHarness(t.current.database, { claude: fake.config({ apiKey: undefined }) });
    // Crons are parked: only the events under test may act while tables are compared.
    await sql()`update ember_exec.schedules set next_at = now() + interval '7 days'`;
    const { db } = t.current.database;
    const priya = (await callerAs(db, 'priya@copperkettle.example')).caller;
    const owen = (await callerAs(db, 'owen@bluewater.example')).caller;
    const a = await priya.eventKeys.create({ companySlug: SLUG, name: 'Copper Kettle ERP' });
    const b = await owen.eventKeys.create({ companySlug: 'bluewater', name: 'Bluewater PIM' });
    const revoked = await priya.eventKeys.create({ companySlug: SLUG, name: 'Old integration' });
    await priya.eventKeys.revoke({ companySlug: SLUG, id: revoked.id });
    Object.assign(keys, { a: a.key, b: b.key, revokedA: revoked.key, aId: a.id });
    records.productA = (await sql()`select id from products where company_id = ${A} order by sku limit 1`)[0]!.id as string;
    records.productB = (await sql()`select id from products where company_id = ${B} order by sku limit 1`)[0]!.id as string;

    app = createHttpApp({
      deps: { db, sessionTtlS: 3600, secureCookies: false, sendEvent: async (events) => {
        sent.push(...events.map((e) => ({ name: e.name, companyId: (e.data as { companyId?: unknown }).companyId })));
        await h.sendEvent(events);
      } },
      sql: sql(),
      staticDir: '/nonexistent',
      engine: { mode: 'embedded', functions: [], executor: h.executor, stop: async () => {} },
      ingressRate: { rate: 10_000, burst: 10_000 },
    });
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await executorIdle(sql());
  });
  afterAll(async () => {
    await app?.drain(1_000);
    await h?.stop();
    await fake?.close();
  });

  it('shows the whole key once, then only its prefix; keys are well formed and distinct', async () => {
    expect(keys.a).toMatch(/^ek_live_[A-Za-z0-9_-]{40}$/);
    expect(new Set([keys.a, keys.b, keys.revokedA]).size).toBe(3);
    const priya = (await callerAs(t.current.database.db, 'priya@copperkettle.example')).caller;
    const list = await priya.eventKeys.list({ companySlug: SLUG });
    expect(list.map((k) => [k.name, k.prefix, k.revokedAt !== null, k.createdBy])).toEqual([
      ['Copper Kettle ERP', keys.a.slice(0, 14), false, 'Priya Raman'],
      ['Old integration', keys.revokedA.slice(0, 14), true, 'Priya Raman'],
    ].map((r) => [r[0], r[1], r[2], expect.any(String)]));
    expect(JSON.stringify(list)).not.toContain(keys.a);
    const stored = await sql()`select key_hash from event_keys where id = ${keys.aId}`;
    expect(stored[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the keyless lookup answers a live key\'s company and id only: nothing for a revoked or unknown key, no rows for the app role', async () => {
    const { db } = t.current.database;
    expect(await findEventKey(sql(), keys.a)).toEqual({ companyId: A, keyId: keys.aId });
    expect(await findEventKey(sql(), keys.revokedA)).toBeNull();
    expect(await findEventKey(sql(), `ek_live_${'x'.repeat(40)}`)).toBeNull();
    expect(await findEventKey(sql(), "ek_live_' or 1=1 --")).toBeNull();
    const asApp = await withScope(db, {}, async (tx) => ({
      rows: (await tx.execute<{ n: number }>(dsql`select count(*)::int n from event_keys`))[0]!.n,
      viaFunction: (await tx.execute(dsql`select company_id, key_id from ember_event_key_lookup(${hashEventKey(keys.a)})`)).length,
      columns: Object.keys((await tx.execute(dsql`select * from ember_event_key_lookup(${hashEventKey(keys.a)})`))[0] ?? {}).sort(),
    }));
    expect(asApp).toEqual({ rows: 0, viaFunction: 1, columns: ['company_id', 'key_id'] });
  });

  it('every catalog event without a key, with a revoked key or with a made-up key: 401, nothing written', async () => {
    const before = await databaseFingerprint(sql());
    const events = await storedEvents();
    const madeUp = `ek_live_${'x'.repeat(40)}`;
    for (const def of EVENT_CATALOG) {
      for (const [label, key] of [['no key', null], ['revoked', keys.revokedA], ['made up', madeUp], ['not a key', 'secret'], ['another shape', encodeURIComponent(keys.a + 'x')]] as const) {
        const res = await post(key, { name: def.name, data: aimedAtA(def.name) });
        expect({ event: def.name, label, status: res.status, body: await res.json() }).toEqual({ event: def.name, label, status: 401, body: NO_KEY });
      }
    }
    expect(await storedEvents()).toBe(events);
    expect(await databaseFingerprint(sql())).toEqual(before);
    expect(sent).toEqual([]);
  });

  it('every internal event from outside is 403 naming it, with a valid key, alone or in a batch; nothing written', async () => {
    const before = await databaseFingerprint(sql());
    const events = await storedEvents();
    const internal = EVENT_CATALOG.filter((e) => e.audience === 'internal');
    expect(internal.length).toBeGreaterThan(5);
    for (const def of internal) {
      for (const key of [keys.a, keys.b]) {
        const res = await post(key, { name: def.name, data: aimedAtA(def.name) });
        expect({ event: def.name, status: res.status, body: await res.json() }).toEqual({ event: def.name, status: 403, body: { status: 403, error: `${def.name} is internal: only Ember sends it`, issues: [{ path: 'name', message: `${def.name} is internal: only Ember sends it` }] } });
      }
      // Hidden behind a valid external event in the same request: the whole request is refused.
      const res = await post(keys.a, [{ name: 'notification/requested', data: { message: 'cover' } }, { name: def.name, data: aimedAtA(def.name) }]);
      expect({ event: def.name, status: res.status, error: ((await res.json()) as { error: string }).error }).toEqual({ event: def.name, status: 403, error: `${def.name} is internal: only Ember sends it` });
    }
    expect(await storedEvents()).toBe(events);
    expect(await databaseFingerprint(sql())).toEqual(before);
    expect(sent).toEqual([]);
  });

  it('malformed, hostile or oversized requests are refused naming the field; nothing written', async () => {
    const before = await databaseFingerprint(sql());
    const events = await storedEvents();
    const cases: [string, Promise<Response>, number, string | RegExp][] = [
      ['invalid uuid', post(keys.a, { name: 'audit/requested', data: { productIds: ['not-a-uuid'] } }), 400, 'data.productIds.0: Invalid UUID'],
      ['in a batch', post(keys.a, [{ name: 'listing/publish.requested' }, { name: 'audit/requested', data: { productIds: [records.productA, 'x'] } }]), 400, '1.data.productIds.1: Invalid UUID'],
      ['unknown name', post(keys.a, { name: 'billing/charged', data: {} }), 400, 'name: unknown event "billing/charged"'],
      ['missing field', post(keys.a, { name: 'notification/requested', data: {} }), 400, /^data\.message: /],
      ['not JSON', post(keys.a, '{"name": "audit/requested",'), 400, 'the body is not JSON'],
      ['NUL', post(keys.a, '{"name":"notification/requested","data":{"message":"a\\u0000b"}}'), 400, /^data\.message: contains a NUL/],
      ['lone surrogate', post(keys.a, '{"name":"notification/requested","data":{"message":"\\udc00"}}'), 400, /^data\.message: contains an unpaired surrogate/],
      ['65 deep', post(keys.a, `{"name":"notification/requested","data":{"message":"x","deep":${'['.repeat(65)}${']'.repeat(65)}}}`), 400, /^data\.deep(\.0)+: is nested more than 64 levels deep$/],
      ['100,000 deep', post(keys.a, `{"name":"notification/requested","data":{"deep":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}`), 400, /^data\.deep(\.a)+: is nested more than 64 levels deep$/],
      ['event too big', post(keys.a, { name: 'notification/requested', data: { message: 'x'.repeat(2000), pad: 'y'.repeat(INGRESS_LIMITS.maxEventBytes) } }), 413, /^\(body\): the event is \d+ KB/],
      ['request too big', post(keys.a, Array.from({ length: 5 }, () => ({ name: 'notification/requested', data: { message: 'x', pad: 'y'.repeat(250 * 1024) } }))), 413, /^A request may be at most 1024 KB$/],
      ['too many events', post(keys.a, Array.from({ length: INGRESS_LIMITS.maxEvents + 1 }, () => ({ name: 'listing/publish.requested' }))), 413, /^at most 100 events per request/],
      ['empty batch', post(keys.a, []), 400, /^no events/],
      ['compressed', post(keys.a, '{}', { headers: { 'content-encoding': 'gzip' } }), 415, 'Send the body uncompressed'],
      ['GET', fetch(`${base}/e/${keys.a}`), 405, 'Use POST'],
    ];
    for (const [label, pending, status, error] of cases) {
      const res = await pending;
      const body = (await res.json()) as { error: string; status: number };
      expect({ label, status: res.status, bodyStatus: body.status, error: body.error }).toEqual({ label, status, bodyStatus: status, error: typeof error === 'string' ? error : expect.stringMatching(error) });
      expect(JSON.stringify(body)).not.toMatch(/postgres|select |sql|stack|node_modules/i);
    }
    expect(await storedEvents()).toBe(events);
    expect(await databaseFingerprint(sql())).toEqual(before);
    expect(sent).toEqual([]);
  });

  it('a body over 1 MB streamed without a length is cut off with 413 while it streams; nothing written', async () => {
    const events = await storedEvents();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/e/${keys.a}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write(`{"name":"notification/requested","data":{"message":"x","pad":"`);
      const chunk = 'y'.repeat(64 * 1024);
      let written = 0;
      const pump = () => {
        while (written < 4 * 1024 * 1024) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end('"}}');
      };
      pump();
    });
    expect(status).toBe(413);
    expect(await storedEvents()).toBe(events);
  });

  it("another company's key aimed at this company's records: accepted as that company; none of this company's rows change", async () => {
    await executorIdle(sql());
    const beforeA = await companyDigest(sql(), A);
    const ids: string[] = [];
    for (const def of EXTERNAL_EVENTS) {
      const res = await post(keys.b, { name: def.name, data: aimedAtA(def.name), id: `attack-${def.name}` });
      const body = (await res.json()) as { ids: string[]; status: number };
      expect({ event: def.name, status: res.status, body }).toEqual({ event: def.name, status: 200, body: { status: 200, ids: [`ext:${B}:attack-${def.name}`] } });
      ids.push(...body.ids);
    }
    await executorIdle(sql(), ids);
    expect(await companyDigest(sql(), A)).toEqual(beforeA);
    // Stored and acted on as Bluewater: the key decided the company, the payload's companyId did not.
    const stored = await sql()`select id, name, data->>'companyId' as company from ember_exec.events where id = any(${ids}::text[]) order by id`;
    expect(stored.map((e) => e.company)).toEqual(ids.map(() => B));
    const runs = await sql()`select r.function_slug, r.status, r.event->'data'->>'companyId' as company from ember_exec.runs r join ember_exec.events e on e.internal_id = r.event_internal_id where e.id = any(${ids}::text[])`;
    expect(runs.length).toBeGreaterThan(3);
    expect(runs.filter((r) => r.company !== B)).toEqual([]);
    expect(runs.filter((r) => r.status === 'running')).toEqual([]);
  });

  it("a forged companyId is overwritten by the key's company: the other company's rows do not change", async () => {
    await executorIdle(sql());
    const beforeB = await companyDigest(sql(), B);
    const ids: string[] = [];
    for (const def of EXTERNAL_EVENTS) {
      // Company A's key, Bluewater named in the payload and Bluewater's product in it.
      const data = { ...aimedAtA(def.name), companyId: B, ...('productIds' in aimedAtA(def.name) ? { productIds: [records.productB] } : {}) };
      const res = await post(keys.a, { name: def.name, data });
      expect({ event: def.name, status: res.status }).toEqual({ event: def.name, status: 200 });
      ids.push(...((await res.json()) as { ids: string[] }).ids);
    }
    expect(ids.every((id) => id.startsWith(`ext:${A}:`))).toBe(true);
    await executorIdle(sql(), ids);
    expect(await companyDigest(sql(), B)).toEqual(beforeB);
    const stored = await sql()`select data->>'companyId' as company from ember_exec.events where id = any(${ids}::text[])`;
    expect(stored.map((e) => e.company)).toEqual(ids.map(() => A));
  });

  it("a valid key's external event reaches its consumer for the key's company only (audit/requested → an audit of A)", async () => {
    await executorIdle(sql());
    const audits = async () => Object.fromEntries((await sql()`select company_id, count(*)::int n from audits group by company_id`).map((r) => [r.company_id as string, r.n as number]));
    const before = await audits();
    const beforeB = await companyDigest(sql(), B);
    const res = await post(keys.a, { name: 'audit/requested', data: { productIds: [records.productA] }, id: 'positive-1' });
    expect(res.status).toBe(200);
    const { ids } = (await res.json()) as { ids: string[] };
    expect(ids).toEqual([`ext:${A}:positive-1`]);
    await executorIdle(sql(), ids);
    const [run] = await h.executor.runsForEvent(ids[0]!);
    expect(run).toMatchObject({ functionSlug: expect.stringContaining('audit-agent'), status: 'completed' });
    const made = await sql()`select company_id from audits where audit_key like ${`%${ids[0]}%`}`;
    expect(made.length).toBeGreaterThan(0);
    expect(made.filter((r) => r.company_id !== A)).toEqual([]);
    const after = await audits();
    expect(after[A]).toBe((before[A] ?? 0) + made.length);
    expect(after[B] ?? 0).toBe(before[B] ?? 0);
    expect(await companyDigest(sql(), B)).toEqual(beforeB);
    // The key's last use is stamped (once a minute at most), and only for that key.
    const [k] = await sql()`select last_used_at from event_keys where id = ${keys.aId}`;
    expect(k!.last_used_at).not.toBeNull();
  });

  it("stamps a key's last use at most once a minute, not once per event", async () => {
    let now = 1_000_000;
    const stamp = lastUsedStamper(t.current.database.db, { now: () => now });
    const owner = { companyId: B, keyId: (await sql()`select id from event_keys where company_id = ${B} and revoked_at is null limit 1`)[0]!.id as string };
    const lastUsed = async () => {
      const v = (await sql()`select last_used_at from event_keys where id = ${owner.keyId}`)[0]!.last_used_at as string | Date | null;
      return v === null ? null : new Date(v).toISOString();
    };
    await sql()`update event_keys set last_used_at = null where id = ${owner.keyId}`;
    await stamp(owner);
    expect(await lastUsed()).not.toBeNull();
    // Within the minute: no write (a marker put there stays).
    await sql()`update event_keys set last_used_at = '2000-01-01T00:00:00Z' where id = ${owner.keyId}`;
    now += 59_000;
    expect(stamp(owner)).toBeNull();
    expect(await lastUsed()).toBe('2000-01-01T00:00:00.000Z');
    now += 1_000;
    await stamp(owner);
    expect(await lastUsed()).not.toBe('2000-01-01T00:00:00.000Z');
  });

  it('a re-sent id is one event; the same id from two companies is two (ids are namespaced by company)', async () => {
    const send = async (key: string) => ((await (await post(key, { name: 'listing/publish.requested', data: {}, id: 'order-42' })).json()) as { ids: string[] }).ids[0]!;
    const first = await send(keys.a);
    expect(await send(keys.a)).toBe(first);
    const other = await send(keys.b);
    expect(other).not.toBe(first);
    await executorIdle(sql(), [first, other]);
    const rows = await sql()`select id, data->>'companyId' as company from ember_exec.events where id = any(${[first, other]}::text[]) order by id`;
    expect(rows.map((r) => [r.id, r.company])).toEqual([[first, A], [other, B]].sort((x, y) => x[0]!.localeCompare(y[0]!)));
  });

  it('over the rate: 429 with Retry-After, nothing sent; a burst is allowed, then the sustained rate', async () => {
    const seen: number[] = [];
    const ingress = createEventIngress({ db: t.current.database.db, sql: sql(), sendEvent: async (events) => void seen.push(events.length), rate: { rate: 1, burst: 3 } });
    const server = http.createServer((req, res) => void ingress(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/e/${keys.b}`;
    const send = (n: number) => fetch(url, { method: 'POST', body: JSON.stringify(Array.from({ length: n }, () => ({ name: 'listing/publish.requested' }))) });
    try {
      const tooMany = await send(4);
      expect({ status: tooMany.status, body: await tooMany.json() }).toEqual({ status: 429, body: { status: 429, error: '4 events exceed the burst of 3 per key: send fewer per request' } });
      expect((await send(2)).status).toBe(200);
      const refused = await send(2);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toEqual({ status: 429, error: 'rate limit reached' });
      expect((await send(1)).status).toBe(200);
      expect(seen).toEqual([2, 1]);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('a send that fails is a 500 with only a reference, and nothing of the cause', async () => {
    const ingress = createEventIngress({ db: t.current.database.db, sql: sql(), sendEvent: async () => {
      throw new Error('insert into ember_exec.events failed: connection to 10.0.0.7 refused');
    } });
    const server = http.createServer((req, res) => void ingress(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const errors: unknown[] = [];
    const logged = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/e/${keys.b}`, { method: 'POST', body: JSON.stringify({ name: 'listing/publish.requested' }) });
      const body = (await res.json()) as { error: string; status: number };
      expect({ status: res.status, body }).toEqual({ status: 500, body: { status: 500, error: expect.stringMatching(/^Something went wrong on our side \(reference err_[0-9a-f]{16}\)\.$/) } });
      expect(errors).toHaveLength(1);
    } finally {
      console.error = logged;
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('an Emit event step naming companyId is refused at publish (the engine stamps the run\'s company)', async () => {
    const g = graph(
      [trig(), step('n1', 'emit_event', 'action', { event: 'audit/requested', data: { companyId: `'${B}'`, productIds: 'event.data.productIds' } }, 'Audit for someone else')],
      [edge('t', 'n1')],
    );
    const positioned = { ...g, steps: g.steps.map((s, i) => ({ ...s, position: { x: i * 200, y: 0 } })) };
    const wf = await h.editor.workflows.create({ companySlug: SLUG, name: 'Forged emit' });
    const saved = await h.editor.workflows.saveGraph({ companySlug: SLUG, id: wf.id, expectedRevision: wf.revision, graph: positioned });
    expect(saved.issues).toEqual([expect.objectContaining({ code: 'INVALID_CONFIG', stepId: 'n1', field: 'data.companyId', message: expect.stringContaining("companyId is set by the engine to the run's company") })]);
    await expect(h.editor.workflows.publish({ companySlug: SLUG, id: wf.id, expectedRevision: saved.revision })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: expect.objectContaining({ code: 'INVALID_GRAPH', details: { issues: [expect.objectContaining({ code: 'INVALID_CONFIG', stepId: 'n1' })] } }),
    });
  });
});
