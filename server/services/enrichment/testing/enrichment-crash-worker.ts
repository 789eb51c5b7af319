/**
 * The process the enrichment SIGKILL suite kills (server/services/enrichment/enrichment.crash.db.test.ts).
 *
 *   node --import tsx server/services/enrichment/testing/enrichment-crash-worker.ts <databaseUrl> <fakeClaudeUrl> [workerName]
 *
 * The real functions on the real embedded executor (wired like startHarness), Claude pointed at the parent's fake
 * Messages API, a 2 s lease so a killed worker's items are retaken quickly. Prints READY; SIGTERM drains and exits.
 */
import { pathToFileURL } from 'node:url';
import { runCrashWorker } from '../../../workflow/testing/crash-worker.ts';

async function main() {
  const [databaseUrl, claudeUrl, worker = 'enrich-crash'] = process.argv.slice(2);
  if (!databaseUrl || !claudeUrl) throw new Error('usage: enrichment-crash-worker.ts <databaseUrl> <fakeClaudeUrl> [workerName]');
  const claude = { apiKey: 'test-key', baseURL: claudeUrl, modelOverride: undefined, maxTokensOverride: undefined, timeoutMs: 5000, inputPricePerMTok: 3, outputPricePerMTok: 15, invocationPriceUsd: 0.00005 };
  await runCrashWorker({ databaseUrl, worker, leaseMs: 2000, deps: { claude } });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`enrichment-crash-worker: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
