/**
 * `npm run executor -- --app-url http://127.0.0.1:3000/api/inngest --port 8288`
 * A stand-alone executor, like Inngest's Dev Server `-u`: drives any Inngest SDK app at a URL over HTTP and serves
 * the event API (`POST /e/:key`) and the signal API (`POST /v1/signals`) on --port, with its state in DATABASE_URL or an embedded Postgres of its own.
 * Point the app at it with INNGEST_DEV=http://127.0.0.1:8288.
 */
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import { reconnectDelayS } from '../db/health.ts';
import { runMigrations } from '../db/migrate.ts';
import { handleEventApiRequest } from './event-api.ts';
import { Executor } from './executor.ts';
import { httpTransport } from './transport.ts';

const { values } = parseArgs({
  options: {
    'app-url': { type: 'string', short: 'u' },
    port: { type: 'string', default: '8288' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    'signing-key': { type: 'string' },
    'sync-timeout': { type: 'string', default: '60' },
  },
});
const appUrl = values['app-url'];
if (!appUrl) {
  console.error('usage: npm run executor -- --app-url http://127.0.0.1:3000/api/inngest [--port 8288] [--data-dir ./.data/executor]');
  process.exit(2);
}

const log = (line: string) => console.log(`[executor] ${line}`);
// Like the app: a postgres that dies is restarted, and the pool reconnects quickly once it (or DATABASE_URL's) is back.
const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.resolve(values['data-dir'] ?? path.join(process.env.EMBER_DATA_DIR ?? './.data', 'executor')), log, restart: true });
const url = process.env.DATABASE_URL ?? pg!.url;
await runMigrations(url);
const sql = postgres(url, { max: 20, onnotice: () => {}, backoff: reconnectDelayS });
const executor = new Executor({ sql, transport: httpTransport(appUrl, { signingKey: values['signing-key'] ?? process.env.INNGEST_SIGNING_KEY }), log });

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    const down = pg?.downReason();
    if (down) return void res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, reason: down }));
    void executor.lagMs().then(
      (lag) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, executorLagMs: Math.round(lag) })),
      (err: Error) => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, reason: `database unreachable: ${err.message}` })),
    );
    return;
  }
  void handleEventApiRequest(executor, req, res, { eventKey: process.env.INNGEST_EVENT_KEY, signingKey: values['signing-key'] ?? process.env.INNGEST_SIGNING_KEY }).then((done) => done || res.writeHead(404).end(), (err: unknown) => {
    log(`event API: ${(err as Error).message}`);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
await new Promise<void>((r) => server.listen(Number(values.port), values.host, r));
log(`event API on http://${values.host}:${values.port}/e/<key>; driving ${appUrl}`);

// The app may start after us (as with the Dev Server): keep trying to sync until it answers.
const deadline = Date.now() + Number(values['sync-timeout']) * 1000;
for (;;) {
  try {
    await executor.start();
    log(`synced ${executor.registry.all().length} function(s)`);
    break;
  } catch (err) {
    if (Date.now() > deadline) {
      console.error(`could not sync ${appUrl}: ${(err as Error).message}`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const stop = async () => {
  server.close();
  await executor.stop();
  await sql.end({ timeout: 5 });
  await pg?.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
