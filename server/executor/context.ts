import type { FunctionRegistry } from './registry.ts';

/** Things that may only happen once the transaction that caused them has committed. */
export class Effects {
  wake = false;
  ended: { runId: string; status: string }[] = [];
  events: string[] = [];
}

export interface ExecContext {
  registry: FunctionRegistry;
  now: () => number;
  log: (line: string) => void;
}
