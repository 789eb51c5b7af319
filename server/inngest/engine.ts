/**
 * Starts whatever drives the functions in this process. Embedded: the executor, in-process, state in the app's
 * database (the owner pool: executor state is engine state, not tenant data). Otherwise nothing: Inngest calls
 * /api/inngest.
 */
import type { InngestFunction } from 'inngest';
import type { Database } from '../db/client.ts';
import { eventApiFetch } from '../executor/event-api.ts';
import { Executor } from '../executor/executor.ts';
import { inProcessTransport } from '../executor/transport.ts';
import { bindEmbeddedEventApi, inngest, inngestMode } from './client.ts';
import { buildFunctions } from './functions/index.ts';
import { WORKFLOW_EXECUTOR_SLUG } from './functions/workflow-run-cancelled.ts';
import type { FunctionDeps } from './functions/deps.ts';
import { syncSkills } from '../services/ai/skills/sync.ts';
import { FunctionRunRecorder } from '../services/function-runs/record.ts';
import { bindCallSink } from './observe/middleware.ts';

export interface Engine {
  mode: typeof inngestMode.kind;
  functions: InngestFunction.Any[];
  executor: Executor | null;
  stop(): Promise<void>;
}

export async function startEngine(database: Database, log: (line: string) => void, deps: Omit<Partial<FunctionDeps>, 'db' | 'log'> = {}): Promise<Engine> {
  // Skills are code; their rows are what runs and what the ledger names, so they are current before any call.
  await syncSkills(database.db);
  // The executor is built from the functions, and the reconciler in them asks the executor: bound once it exists.
  let executor: Executor | null = null;
  const engineRuns = { cancelledWorkflowRuns: (ids: string[]) => executor?.cancelledRunsBy(WORKFLOW_EXECUTOR_SLUG, 'workflowRunId', ids) ?? Promise.resolve([]) };
  const functions = buildFunctions({ db: database.db, log, ...(inngestMode.kind === 'embedded' ? { engineRuns } : {}), ...deps });
  // In every mode the functions' calls are recorded in the app's own tables (inspector, metrics, /metrics).
  const recorder = new FunctionRunRecorder(database.db, log);
  bindCallSink(recorder);
  const stopRecording = async () => {
    await recorder.flush();
    bindCallSink(null);
  };
  if (inngestMode.kind !== 'embedded') {
    log(`Inngest mode: ${inngestMode.kind}; functions are served at /api/inngest`);
    return { mode: inngestMode.kind, functions, executor: null, stop: stopRecording };
  }
  executor = new Executor({
    sql: database.sql,
    transport: inProcessTransport({ client: inngest, functions }),
    log: (l) => log(`[executor] ${l}`),
    backoffBaseMs: Number(process.env.EMBER_RETRY_BASE_MS ?? 1000),
  });
  bindEmbeddedEventApi(eventApiFetch(executor));
  await executor.start();
  return {
    mode: 'embedded',
    functions,
    executor,
    stop: async () => {
      await executor.stop();
      bindEmbeddedEventApi(null);
      await stopRecording();
    },
  };
}
