import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import http from 'node:http';
import type postgres from 'postgres';
import { migrationsApplied } from '../db/migrate.ts';
import { appRouter } from '../trpc/app-router.ts';
import { createHttpContextFactory, type AppDeps } from '../trpc/context.ts';
import { createStaticHandler } from './static.ts';

export interface HttpAppOptions {
  deps: AppDeps;
  sql: postgres.Sql;
  staticDir: string;
}

/** One node:http server: /trpc, /healthz and the SPA. Tracks in-flight requests so shutdown can drain them. */
export function createHttpApp(opts: HttpAppOptions) {
  const trpc = createHTTPHandler({
    router: appRouter,
    createContext: createHttpContextFactory(opts.deps),
    basePath: '/trpc/',
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path ?? '?'}:`, error.cause ?? error);
    },
  });
  const serveStatic = createStaticHandler(opts.staticDir);
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
    if (url === '/healthz' || url.startsWith('/healthz?')) return void healthz(opts.sql, res);
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

async function healthz(sql: postgres.Sql, res: http.ServerResponse) {
  const body: Record<string, unknown> = { ok: false, db: false, migrations: false };
  try {
    await sql`select 1`;
    body.db = true;
    body.migrations = await migrationsApplied(sql);
    body.ok = body.migrations === true;
  } catch (err) {
    body.error = err instanceof Error ? err.message : String(err);
  }
  res.writeHead(body.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
