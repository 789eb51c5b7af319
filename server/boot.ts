/**
 * Brings the whole app up in order (database, migrations, first-run seed, HTTP) and down in reverse, draining
 * in-flight work before postgres stops. Used by `npm start`, the e2e tests and the crash harness alike.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { seedOnFirstRun } from './demo/seed/first-run.ts';
import { connect } from './db/client.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './db/embedded-postgres.ts';
import { reportDatabaseDownReason } from './db/health.ts';
import { runMigrations } from './db/migrate.ts';
import type { Env } from './env.ts';
import { createHttpApp } from './http/app.ts';
import { setDemoRetailerOrigin } from './net/outbound.ts';
import { inngest } from './inngest/client.ts';
import { RunStepFeed } from './services/runs/live-feed.ts';
import { startEngine, type Engine } from './runtime.ts';
import { directoryAssetStore } from './services/assets/store.ts';

export interface RunningApp {
  url: string;
  engine: Engine;
  port: number;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function bootApp(env: Env, log: (line: string) => void = console.log): Promise<RunningApp> {
  let pg: EmbeddedPostgresHandle | null = null;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    // When postgres dies the app stays up: the supervisor logs why and restarts it (same data dir and port, backoff
    // 100 ms doubling to 5 s), /healthz answers 503 with the reason meanwhile, and the pools reconnect by themselves.
    pg = await startEmbeddedPostgres({ dataDir: path.resolve(env.EMBER_DATA_DIR), log: (l) => log(`[postgres] ${l}`), restart: true });
    databaseUrl = pg.url;
  }
  // Uploaded images live beside the database, in the same data directory.
  const assets = directoryAssetStore(path.resolve(env.EMBER_DATA_DIR, 'assets'));
  const database = connect(databaseUrl);
  const embedded = pg;
  if (embedded) reportDatabaseDownReason(database.sql, () => embedded.downReason());
  try {
    await runMigrations(databaseUrl);
    await seedOnFirstRun(database.db, path.resolve(env.EMBER_DATA_DIR), { assets, log });
  } catch (err) {
    await database.close();
    await pg?.stop();
    throw err;
  }

  let engine: Engine;
  const feed = new RunStepFeed();
  try {
    await feed.start(database.sql);
    engine = await startEngine(database, log, { assets });
  } catch (err) {
    await database.close();
    await pg?.stop();
    throw err;
  }
  const app = createHttpApp({
    deps: { db: database.db, sessionTtlS: env.SESSION_TTL_S, secureCookies: false, sendEvent: async (events) => void (await inngest.send(events)), feed, assets },
    sql: database.sql,
    staticDir: env.EMBER_STATIC_DIR,
    engine,
    demoRetailer: env.EMBER_DEMO_RETAILER === 'on',
  });
  await new Promise<void>((resolve, reject) => {
    app.server.once('error', reject);
    app.server.listen(env.PORT, env.HOST, () => resolve());
  });
  const port = (app.server.address() as AddressInfo).port;
  // The monitoring functions may fetch exactly this origin (the demo retailer site), despite the SSRF guard.
  if (env.EMBER_DEMO_RETAILER === 'on') setDemoRetailerOrigin(`http://${['0.0.0.0', '::', ''].includes(env.HOST) ? '127.0.0.1' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`);

  let stopping: Promise<void> | null = null;
  return {
    url: `http://localhost:${port}`,
    engine,
    port,
    databaseUrl,
    stop: () =>
      (stopping ??= (async () => {
        setDemoRetailerOrigin(null);
        await app.drain();
        await engine.stop(); // finish the steps in hand before the pool closes
        await feed.stop();
        await database.close();
        await pg?.stop();
      })()),
  };
}
