/**
 * The process the workflow crash suite SIGKILLs (server/engine/workflow.crash.db.test.ts).
 *
 *   node --import tsx server/engine/testing/workflow-crash-worker.ts <databaseUrl> [workerName]
 *
 * Runs the real workflow functions on the real embedded executor, wired exactly like startHarness (in-process
 * transport, the Ember inngest client bound to this executor's event API), with a short lease (2 s) so items a
 * killed process held are retaken quickly, and a short retry backoff. Prints `READY` once it is dispatching and
 * runs until killed; SIGTERM drains and exits 0. Events reach it through Postgres: the parent test writes them with
 * an executor of its own that it never starts, and NOTIFY wakes this one.
 */
import { pathToFileURL } from 'node:url';
import { connect } from '../../db/client.ts';
import { eventApiFetch } from '../../executor/event-api.ts';
import { Executor } from '../../executor/executor.ts';
import { inProcessTransport } from '../../executor/transport.ts';
import { bindEmbeddedEventApi, inngest } from '../../inngest/client.ts';
import { buildFunctions } from '../../inngest/functions/index.ts';

const WORKFLOW_CRASH_LEASE_MS = 2000;

async function main() {
  const [databaseUrl, worker = 'wf-crash'] = process.argv.slice(2);
  if (!databaseUrl) throw new Error('usage: workflow-crash-worker.ts <databaseUrl> [workerName]');
  const log = (line: string) => process.stderr.write(`[${worker}] ${line}\n`);
  const database = connect(databaseUrl, { max: 12 });
  const functions = buildFunctions({ db: database.db, log });
  const executor = new Executor({
    sql: database.sql,
    transport: inProcessTransport({ client: inngest, functions }),
    workerId: worker,
    leaseMs: WORKFLOW_CRASH_LEASE_MS,
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`workflow-crash-worker: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
