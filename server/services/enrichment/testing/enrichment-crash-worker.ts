/**
 * The process the enrichment SIGKILL suite kills (server/services/enrichment/enrichment.crash.db.test.ts).
 *
 *   node --import tsx server/services/enrichment/testing/enrichment-crash-worker.ts <databaseUrl> <fakeClaudeUrl> [workerName]
 *
 * The real functions on the real embedded executor (wired like startHarness), Claude pointed at the parent's fake
 * Messages API, a 2 s lease so a killed worker's items are retaken quickly. Prints READY; SIGTERM drains and exits.
 */
import { pathToFileURL } from 'node:url';
import { connect } from '../../../db/client.ts';
import { eventApiFetch } from '../../../executor/event-api.ts';
import { Executor } from '../../../executor/executor.ts';
import { inProcessTransport } from '../../../executor/transport.ts';
import { bindEmbeddedEventApi, inngest } from '../../../inngest/client.ts';
import { buildFunctions } from '../../../inngest/functions/index.ts';

async function main() {
  const [databaseUrl, claudeUrl, worker = 'enrich-crash'] = process.argv.slice(2);
  if (!databaseUrl || !claudeUrl) throw new Error('usage: enrichment-crash-worker.ts <databaseUrl> <fakeClaudeUrl> [workerName]');
  const log = (line: string) => process.stderr.write(`[${worker}] ${line}\n`);
  const database = connect(databaseUrl, { max: 12 });
  const claude = { apiKey: 'test-key', baseURL: claudeUrl, modelOverride: undefined, maxTokensOverride: undefined, timeoutMs: 5000, inputPricePerMTok: 3, outputPricePerMTok: 15, invocationPriceUsd: 0.00005 };
  const functions = buildFunctions({ db: database.db, log, claude });
  const executor = new Executor({ sql: database.sql, transport: inProcessTransport({ client: inngest, functions }), workerId: worker, leaseMs: 2000, backoffBaseMs: 10, pollMs: 200, log });
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
    process.stderr.write(`enrichment-crash-worker: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
