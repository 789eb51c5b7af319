/**
 * A second executor process for `bench:engine`'s two-process figure: the same bench app and executor options on the
 * database named by argv[2], sharing its queue with the benchmark's own executor. Says `ready` on stdout once it
 * polls, and stops cleanly on SIGTERM.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { Executor } from '../server/executor/executor.ts';
import { inProcessTransport } from '../server/executor/transport.ts';
import { buildApp } from './engine-app.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: engine-worker.ts <database url>');
const sql = postgres(url, { max: 10, onnotice: () => {} });
drizzle(sql);
let executor: Executor | null = null;
const app = buildApp(() => executor!);
executor = new Executor({ sql, transport: inProcessTransport({ client: app.inngest, functions: app.functions }), checkpointing: true });
await executor.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void executor!.stop().then(() => sql.end({ timeout: 5 })).then(() => process.exit(0));
});
