import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import http from 'node:http';
import type postgres from 'postgres';
import { databaseDownReason, isConnectionError } from '../db/health.ts';
import { migrationsApplied } from '../db/migrate.ts';
import { appRouter } from '../trpc/app-router.ts';
import { createHttpContextFactory, type AppDeps } from '../trpc/context.ts';
import { toPublicError } from '../trpc/error-map.ts';
import type { Engine } from '../runtime.ts';
import { createAssetRoutes } from './assets.ts';
import { createEventIngress } from './event-ingress.ts';
import type { IngressRate } from './ingress-rate.ts';
import { createInngestEndpoint } from './inngest-endpoint.ts';
import { handleMetricsRequest } from './metrics-endpoint.ts';
import { createStaticHandler } from './static.ts';
import { handleDemoRetailer } from '../demo/retailer/routes.ts';

const MAX_TRPC_BODY_BYTES = 256 * 1024 * 1024;

export interface HttpAppOptions {
  deps: AppDeps;
  sql: postgres.Sql;
  staticDir: string;
  engine: Engine;
  /** Serve the demo retailer site under /demo-retailer/. */
  demoRetailer?: boolean;
  /** The event ingress's per-key rate (default: EMBER_INGEST_RATE / EMBER_INGEST_BURST). */
  ingressRate?: IngressRate;
}

/** One node:http server: /trpc, /healthz and the SPA. Tracks in-flight requests so shutdown can drain them. */
export function createHttpApp(opts: HttpAppOptions) {
  const trpc = createHTTPHandler({
    router: appRouter,
    createContext: createHttpContextFactory(opts.deps),
    basePath: '/trpc/',
    // The CSV import's 50 M characters, JSON-escaped, fit; anything bigger is 413 before it is buffered.
    maxBodySize: MAX_TRPC_BODY_BYTES,
    // An unexpected error is logged once, with the reference its caller is given (trpc/error-map.ts).
    onError({ error, path }) {
      toPublicError(error, `trpc ${path ?? '?'}`);
    },
  });
  const serveStatic = createStaticHandler(opts.staticDir);
  const assetRoutes = createAssetRoutes(opts.deps);
  const inngestEndpoint = createInngestEndpoint(opts.engine.functions);
  const eventIngress = createEventIngress({ db: opts.deps.db, sql: opts.sql, sendEvent: opts.deps.sendEvent, rate: opts.ingressRate });
  let inFlight = 0;
  let draining = false;
  const idleWaiters: (() => void)[] = [];

  const server = http.createServer((req, res) => {
    if (draining) {
      res.writeHead(503, { connection: 'close', 'retry-after': '1' });
      res.end('shutting down');
      return;
    }
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0) idleWaiters.splice(0).forEach((w) => w());
    });
    const url = req.url ?? '/';
    if (url.startsWith('/trpc/')) return void trpc(req, res);
    if (url === '/healthz' || url.startsWith('/healthz?')) return void healthz(opts.sql, opts.engine, res);
    if (url.startsWith('/api/inngest')) return void inngestEndpoint(req, res);
    if (opts.demoRetailer && (url === '/demo-retailer' || url.startsWith('/demo-retailer/'))) {
      return void handleDemoRetailer(req, res).catch((err: unknown) => {
        console.error('[demo-retailer]', err);
        if (!res.headersSent) res.writeHead(500).end();
      });
    }
    // Prometheus scrape of the engine's counters (auth: EMBER_METRICS_TOKEN or loopback, see metrics-endpoint.ts).
    if (url === '/metrics' || url.startsWith('/metrics?')) return void handleMetricsRequest(opts.sql, req, res, opts.engine.executor);
    if (url.startsWith('/api/companies/')) return void assetRoutes(req, res);
    // The event ingress (a company's event key; catalog events only), in every engine mode: it sends through the
    // app's Inngest client. The executor's own Inngest event API stays in-process and in `npm run executor`.
    if (url.startsWith('/e/')) {
      return void eventIngress(req, res).catch((err: unknown) => {
        console.error('[ingress]', err);
        if (!res.headersSent) res.writeHead(500).end();
      });
    }
    serveStatic(req, res);
  });
  server.keepAliveTimeout = 5_000;

  return {
    server,
    /** Stops taking requests and resolves once the in-flight ones have finished (or the timeout passed). */
    async drain(timeoutMs = 10_000): Promise<void> {
      draining = true;
      server.close();
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => idleWaiters.push(r)), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
      }
      server.closeAllConnections();
    },
  };
}

async function healthz(sql: postgres.Sql, engine: Engine, res: http.ServerResponse) {
  const body: Record<string, unknown> = { ok: false, db: false, migrations: false, engine: engine.mode };
  // The embedded supervisor knows when postgres is down (restarting it); any other outage shows as a failed query,
  // bounded so that an unreachable server still gets an answer in time.
  const down = databaseDownReason(sql);
  if (down) body.reason = down;
  else {
    const deadlineMs = 2_000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
    });
    try {
      await Promise.race([sql`select 1`, deadline]);
      body.db = true;
      body.migrations = await Promise.race([migrationsApplied(sql), deadline]);
      // Executor lag: age of the oldest due queue item nobody holds (0 when it keeps up).
      if (engine.executor) body.executorLagMs = Math.round(await Promise.race([engine.executor.lagMs(), deadline]));
      body.ok = body.migrations === true;
      if (!body.ok) body.reason = 'migrations not applied';
    } catch (err) {
      body.error = err instanceof Error ? err.message : String(err);
      body.reason = body.db && !isConnectionError(err) ? `health check failed: ${body.error}` : `database unreachable: ${body.error}`;
    } finally {
      clearTimeout(timer);
    }
  }
  res.writeHead(body.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
