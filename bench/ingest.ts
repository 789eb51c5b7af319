/**
 * `npm run bench:ingest`: the authenticated event ingress under load. Boots the HTTP app with the real engine (the
 * embedded executor and every function) on a scratch database of the machine's PostgreSQL server
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; created, migrated, seeded, dropped),
 * creates an event key through tRPC, and for BENCH_SECONDS (10) has BENCH_SENDERS (200) concurrent senders on
 * keep-alive connections POST one validated `listing/publish.requested` each (nothing consumes it, so this measures
 * ingest, not consumers), with the key's rate limit raised out of the way. Then the same for BENCH_AUDIT_SECONDS (5)
 * with `audit/requested`, whose audits run while it is measured (0 skips it).
 * Before the result it prints where a request's time goes: the key lookup alone, the app's sends under load (each a
 * group-committed batch: events per send, ms per send and per event), the executor's ingest alone (its own `send` of
 * 100 events, ms per event), and the rest (HTTP, JSON, checks, waiting for a send); and the machine's load average,
 * since the senders (a worker thread), the server and PostgreSQL share its cores.
 * Last line: {"server":{"events_per_s","p99_ms",…}}
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { seedDemo } from '../server/demo/seed/seed.ts';
import { connect } from '../server/db/client.ts';
import { createHttpApp } from '../server/http/app.ts';
import { inngest } from '../server/inngest/client.ts';
import { startEngine, type Engine } from '../server/runtime.ts';
import { findEventKey } from '../server/services/event-keys/lookup.ts';
import { callerAs } from '../server/testing/callers.ts';
import type { CatalogEvent } from '../shared/events/index.ts';
import { percentile } from './stats.ts';
import { serverTarget } from './targets.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const AUDIT_SECONDS = Number(process.env.BENCH_AUDIT_SECONDS ?? 5);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 200);

interface Phase {
  events_per_s: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  refused: Record<string, number>;
}

/**
 * The load runs in a worker thread (its own event loop, so the senders do not take the server's CPU): `SENDERS`
 * loops on keep-alive connections, each POSTing one event and waiting for the answer, until `seconds` have passed.
 */
const LOAD_WORKER = `
const http = require('node:http');
const { parentPort, workerData: w } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.senders });
const latencies = [];
const refused = {};
let ok = 0;
const post = (payload) => new Promise((resolve) => {
  const req = http.request(w.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.on('error', (err) => resolve(err.code || err.message));
  req.end(payload);
});
(async () => {
  const t0 = performance.now();
  const until = t0 + w.seconds * 1000;
  let n = 0;
  await Promise.all(Array.from({ length: w.senders }, async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const body = w.bodies[n++ % w.bodies.length];
      const status = await post(body);
      if (status === 200) { ok++; latencies.push(performance.now() - started); }
      else refused[status] = (refused[status] || 0) + 1;
    }
  }));
  agent.destroy();
  parentPort.postMessage({ ok, latencies, refused, elapsed: (performance.now() - t0) / 1000 });
})();
`;

async function load(url: string, bodies: string[], seconds: number): Promise<Phase> {
  const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { url, bodies, seconds, senders: SENDERS } });
  const r = await new Promise<{ ok: number; latencies: number[]; refused: Record<string, number>; elapsed: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return { events_per_s: Math.round(r.ok / r.elapsed), p50_ms: percentile(r.latencies, 50), p99_ms: percentile(r.latencies, 99), requests: r.ok + Object.values(r.refused).reduce((a, b) => a + b, 0), refused: r.refused };
}

/** Times the app's sends (each a group-committed batch of requests) and counts their events. */
function sendTimer(send: (events: CatalogEvent[]) => Promise<void>) {
  const stats = { sends: 0, events: 0, ms: 0 };
  return {
    stats,
    reset: () => Object.assign(stats, { sends: 0, events: 0, ms: 0 }),
    send: async (events: CatalogEvent[]) => {
      const started = performance.now();
      try {
        await send(events);
      } finally {
        stats.sends++;
        stats.events += events.length;
        stats.ms += performance.now() - started;
      }
    },
  };
}

async function main() {
  const target = await serverTarget();
  if (!target) throw new Error('bench:ingest needs the PostgreSQL server (BENCH_DATABASE_URL)');
  // The pool the app has (server/boot.ts: connect() with its default size).
  const database = connect(target.url);
  let stop: (() => Promise<void>) | null = null;
  try {
    await seedDemo(database.db);
    const engine = await startEngine(database, () => {});
    const sends = sendTimer(async (events) => void (await inngest.send(events)));
    const app = createHttpApp({
      deps: { db: database.db, sessionTtlS: 3600, secureCookies: false, sendEvent: sends.send },
      sql: database.sql,
      staticDir: '/nonexistent',
      engine,
      ingressRate: { rate: 1e9, burst: 1e9 },
    });
    await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', r));
    stop = async () => {
      await app.drain(2_000);
      await engine.stop();
    };
    const { caller } = await callerAs(database.db, 'priya@copperkettle.example');
    const { key } = await caller.eventKeys.create({ companySlug: 'copper-kettle', name: 'bench' });
    const [product] = await database.sql`select p.id from products p join companies c on c.id = p.company_id where c.slug = 'copper-kettle' order by p.sku limit 1`;
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/e/${key}`;
    const publishBodies = Array.from({ length: 100 }, () => JSON.stringify({ name: 'listing/publish.requested', data: { productIds: [product!.id], retailer: 'walmart_us', jobId: randomUUID() } }));

    // Warm up (JIT, pool connections), then the parts alone, then the whole under load.
    await load(url, publishBodies, 1);
    const lookupMs = await timeLookups(database, key);
    const ingestAlone = await timeExecutorIngest(engine, 100);
    sends.reset();
    const loadAvg = os.loadavg()[0]!;
    const publish = await load(url, publishBodies, SECONDS);
    const { sends: n, events, ms } = sends.stats;
    const breakdown = {
      key_lookup_ms_p50: lookupMs,
      sends: n,
      events_per_send: round(events / Math.max(1, n)),
      send_ms_avg: round(ms / Math.max(1, n)),
      send_ms_per_event: round(ms / Math.max(1, events)),
      executor_ingest_alone_ms_per_event: ingestAlone,
      rest_ms_p50: round(publish.p50_ms - ms / Math.max(1, n) - lookupMs),
    };
    console.error(`where a request's time goes (listing/publish.requested): ${JSON.stringify(breakdown)}`);
    // With SENDERS requests always in flight, the mean latency is SENDERS / throughput (Little's law).
    console.error(`${SENDERS} senders at ${publish.events_per_s}/s: mean latency ≥ ${round((SENDERS / Math.max(1, publish.events_per_s)) * 1000)} ms by Little's law; machine load ${loadAvg.toFixed(1)} on ${os.cpus().length} cores`);

    let audit: Phase | null = null;
    if (AUDIT_SECONDS > 0) audit = await load(url, [JSON.stringify({ name: 'audit/requested', data: { productIds: [product!.id] } })], AUDIT_SECONDS);


    console.log(JSON.stringify({ server: { ...publish, event: 'listing/publish.requested', senders: SENDERS, seconds: SECONDS, load_avg: round(loadAvg), breakdown, ...(audit ? { audit_requested: audit } : {}) } }));
  } finally {
    await stop?.();
    await database.close();
    await target.dispose();
  }
}

/** The key lookup alone (one statement calling the SECURITY DEFINER function), 40 at a time. */
async function timeLookups(database: ReturnType<typeof connect>, key: string): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    await Promise.all(Array.from({ length: 40 }, async () => {
      const s = performance.now();
      await findEventKey(database.sql, key);
      samples.push(performance.now() - s);
    }));
  }
  return percentile(samples, 50);
}

/** The embedded executor's ingest alone (its own `send`, one transaction): ms per event for a batch of `n`. */
async function timeExecutorIngest(engine: Engine, n: number): Promise<number> {
  const executor = engine.executor;
  if (!executor) return NaN;
  const batch = () => Array.from({ length: n }, () => ({ name: 'listing/publish.requested', data: { companyId: randomUUID() } }));
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await executor.send(batch());
    samples.push((performance.now() - started) / n);
  }
  return percentile(samples, 50);
}

const round = (n: number) => Math.round(n * 100) / 100;

await main();
