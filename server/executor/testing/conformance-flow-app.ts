/** Conformance functions: Flow control (throttle, batching, priority, singleton, timeouts, concurrency scopes). Each names the Inngest document or source it follows. */
import type { Inngest } from 'inngest';
import type { ConfLog } from './conformance-app.ts';

export function flowControlFunctions(inngest: Inngest.Any, log: ConfLog) {
  void inngest;
  void log;
  return [];
}
