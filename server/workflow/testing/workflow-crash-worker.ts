/**
 * The process the workflow crash suite SIGKILLs (server/workflow/workflow.crash.db.test.ts).
 *
 *   node --import tsx server/workflow/testing/workflow-crash-worker.ts <databaseUrl> [workerName]
 *
 * Runs the real workflow functions on the real embedded executor, wired exactly like startHarness (in-process
 * transport, the Ember inngest client bound to this executor's event API), with a short lease (2 s) so items a
 * killed process held are retaken quickly, and a short retry backoff. Prints `READY` once it is dispatching and
 * runs until killed; SIGTERM drains and exits 0. Events reach it through Postgres: the parent test writes them with
 * an executor of its own that it never starts, and NOTIFY wakes this one.
 */
import { pathToFileURL } from 'node:url';
import { runCrashWorker } from './crash-worker.ts';

const WORKFLOW_CRASH_LEASE_MS = 2000;

async function main() {
  const [databaseUrl, worker = 'wf-crash'] = process.argv.slice(2);
  if (!databaseUrl) throw new Error('usage: workflow-crash-worker.ts <databaseUrl> [workerName]');
  await runCrashWorker({ databaseUrl, worker, leaseMs: WORKFLOW_CRASH_LEASE_MS });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`workflow-crash-worker: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
