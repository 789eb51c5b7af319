/**
 * Starts whatever drives the functions in this process (through the composition root, server/runtime.ts).
 * Embedded: the executor, in-process, state in the app's database (the owner pool: executor state is engine state,
 * not tenant data). Otherwise nothing: Inngest calls /api/inngest.
 */
import type { InngestFunction } from 'inngest';
import type { Database } from '../db/client.ts';
import type { Executor } from '../executor/executor.ts';
import { startRuntime } from '../runtime.ts';
import { syncSkills } from '../services/ai/skills/sync.ts';
import { inngestMode } from './client.ts';
import type { FunctionDeps } from './functions/deps.ts';

export interface Engine {
  mode: typeof inngestMode.kind;
  functions: InngestFunction.Any[];
  executor: Executor | null;
  stop(): Promise<void>;
}

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
