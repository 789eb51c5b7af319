/**
 * The body of a process a SIGKILL suite kills: the real functions on the real embedded executor, wired like
 * startHarness (in-process transport, the Ember inngest client bound to this executor's event API), with a short
 * lease so items a killed process held are retaken quickly and a short retry backoff. Prints `READY` once it is
 * dispatching and runs until killed; SIGTERM drains and exits 0. Events reach it through Postgres (NOTIFY wakes it).
 */
import { connect } from '../../db/client.ts';
import { eventApiFetch } from '../../executor/event-api.ts';
import { Executor } from '../../executor/executor.ts';
import { inProcessTransport } from '../../executor/transport.ts';
import { bindEmbeddedEventApi, inngest } from '../../inngest/client.ts';
import type { FunctionDeps } from '../../inngest/functions/deps.ts';
import { buildFunctions } from '../../inngest/functions/index.ts';

export async function runCrashWorker(opts: { databaseUrl: string; worker: string; leaseMs: number; deps?: Omit<Partial<FunctionDeps>, 'db' | 'log'> }): Promise<void> {
  const log = (line: string) => process.stderr.write(`[${opts.worker}] ${line}\n`);
  const database = connect(opts.databaseUrl, { max: 12 });
  const functions = buildFunctions({ db: database.db, log, ...opts.deps });
  const executor = new Executor({
    sql: database.sql,
    transport: inProcessTransport({ client: inngest, functions }),
    workerId: opts.worker,
    leaseMs: opts.leaseMs,
    backoffBaseMs: 10,
    pollMs: 200,
    log,
  });
  bindEmbeddedEventApi(eventApiFetch(executor));
  await executor.start();
  process.stdout.write('READY\n');
  process.once('SIGTERM', () => {
    void executor
      .stop()
      .then(() => {
        bindEmbeddedEventApi(null);
        return database.close();
      })
      .then(() => process.exit(0));
  });
}
