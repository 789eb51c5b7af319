/** Conformance functions: Ops the executor performs itself or routes (signals, step.fetch, step.ai.infer). Each names the Inngest document or source it follows. */
import type { Inngest } from 'inngest';
import type { ConfLog } from './conformance-app.ts';

export function opsFunctions(inngest: Inngest.Any, log: ConfLog) {
  void inngest;
  void log;
  return [];
}
