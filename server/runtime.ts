/**
 * The composition root of the engine side: the functions with their handles, and — in embedded mode — the executor
 * that drives them in-process, bound to the Inngest client's event API. `npm start` (startEngine, below), the test
 * harness, the crash workers and the ingest bench all wire the engine here, so they run the same thing.
 */
import type { InngestFunction } from 'inngest';
import type { Database } from './db/client.ts';
import { eventApiFetch } from './executor/event-api.ts';
import { Executor, type ExecutorOptions } from './executor/executor.ts';
import { inProcessTransport } from './executor/transport.ts';
import { bindEmbeddedEventApi, inngest, inngestMode } from './inngest/client.ts';
import type { FunctionDeps } from './inngest/functions/deps.ts';
import { buildFunctions } from './inngest/functions/index.ts';
import { WORKFLOW_EXECUTOR_SLUG } from './inngest/functions/workflow-run-cancelled.ts';
import { bindCallSink } from './inngest/observe/middleware.ts';
import { syncSkills } from './services/ai/skills/sync.ts';
import { FunctionRunRecorder } from './services/function-runs/record.ts';

export interface RuntimeOptions {
  database: Database;
  log: (line: string) => void;
  /** Handles the functions get beyond the database and log (fakes in tests). */
  deps?: Omit<Partial<FunctionDeps>, 'db' | 'log'>;
  /** Start the embedded executor (default true); false when Inngest or the Dev Server calls /api/inngest. */
  embedded?: boolean;
  /** Executor tuning: tests and crash workers shorten backoff, polling and leases. */
  executor?: Omit<ExecutorOptions, 'sql' | 'transport'>;
}

export interface Runtime {
  functions: InngestFunction.Any[];
  executor: Executor | null;
  /** Writes what the functions did into the app's own tables (inspector, metrics), whoever executes them. */
  recorder: FunctionRunRecorder;
  stop(): Promise<void>;
}

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const embedded = opts.embedded ?? true;
  // The functions' reconciler asks the executor about runs, and the executor is built from the functions: bound late.
  let executor: Executor | null = null;
  const engineRuns = { cancelledWorkflowRuns: (ids: string[]) => executor?.cancelledRunsBy(WORKFLOW_EXECUTOR_SLUG, 'workflowRunId', ids) ?? Promise.resolve([]) };
  const functions = buildFunctions({ db: opts.database.db, log: opts.log, ...(embedded ? { engineRuns } : {}), ...opts.deps });
  // In every mode the functions' calls are recorded in the app's own tables (inspector, metrics, /metrics).
  const recorder = new FunctionRunRecorder(opts.database.db, opts.log);
  bindCallSink(recorder);
  const stopRecording = async () => {
    await recorder.flush();
    bindCallSink(null);
  };
  if (!embedded) return { functions, executor: null, recorder, stop: stopRecording };
  const running = new Executor({ sql: opts.database.sql, transport: inProcessTransport({ client: inngest, functions }), ...opts.executor });
  executor = running;
  bindEmbeddedEventApi(eventApiFetch(running));
  await running.start();
  return {
    functions,
    executor: running,
    recorder,
    stop: async () => {
      await running.stop();
      bindEmbeddedEventApi(null);
      await stopRecording();
    },
  };
}

export interface Engine {
  mode: typeof inngestMode.kind;
  functions: InngestFunction.Any[];
  executor: Executor | null;
  stop(): Promise<void>;
}

/**
 * The app's engine, as configured: embedded, the executor in-process with its state in the app's database (the owner
 * pool: executor state is engine state, not tenant data); otherwise nothing runs here and Inngest calls /api/inngest.
 */
export async function startEngine(database: Database, log: (line: string) => void, deps: Omit<Partial<FunctionDeps>, 'db' | 'log'> = {}): Promise<Engine> {
  // Skills are code; their rows are what runs and what the ledger names, so they are current before any call.
  await syncSkills(database.db);
  const embedded = inngestMode.kind === 'embedded';
  if (!embedded) log(`Inngest mode: ${inngestMode.kind}; functions are served at /api/inngest`);
  const runtime = await startRuntime({
    database,
    log,
    deps,
    embedded,
    executor: { log: (l) => log(`[executor] ${l}`), backoffBaseMs: Number(process.env.EMBER_RETRY_BASE_MS ?? 1000) },
  });
  return { mode: inngestMode.kind, functions: runtime.functions, executor: runtime.executor, stop: runtime.stop };
}
