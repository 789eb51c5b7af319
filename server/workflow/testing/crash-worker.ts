/**
 * The body of a process a SIGKILL suite kills: the real functions on the real embedded executor, wired by the
 * composition root (server/runtime.ts) like the app and startHarness, with a short
 * lease so items a killed process held are retaken quickly and a short retry backoff. Prints `READY` once it is
 * dispatching and runs until killed; SIGTERM drains and exits 0. Events reach it through Postgres (NOTIFY wakes it).
 */
import { connect } from '../../db/client.ts';
import { startRuntime } from '../../runtime.ts';
import type { FunctionDeps } from '../../inngest/functions/deps.ts';

export async function runCrashWorker(opts: { databaseUrl: string; worker: string; leaseMs: number; deps?: Omit<Partial<FunctionDeps>, 'db' | 'log'> }): Promise<void> {
  const log = (line: string) => process.stderr.write(`[${opts.worker}] ${line}\n`);
  const database = connect(opts.databaseUrl, { max: 12 });
  const runtime = await startRuntime({ database, log, deps: opts.deps, executor: { workerId: opts.worker, leaseMs: opts.leaseMs, backoffBaseMs: 10, pollMs: 200, log } });
  process.stdout.write('READY\n');
  process.once('SIGTERM', () => {
    void runtime
      .stop()
      .then(() => database.close())
      .then(() => process.exit(0));
  });
}
