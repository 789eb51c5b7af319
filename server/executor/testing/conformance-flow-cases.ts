/** Conformance cases: Flow control (throttle, batching, priority, singleton, timeouts, concurrency scopes), run over both transports by conformance-suite.ts. */
import type { ConformanceTools } from './conformance-suite.ts';

export function flowControlCases(t: ConformanceTools): void {
  void t;
}
