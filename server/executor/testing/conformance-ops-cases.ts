/** Conformance cases: Ops the executor performs itself or routes (signals, step.fetch, step.ai.infer), run over both transports by conformance-suite.ts. */
import type { ConformanceTools } from './conformance-suite.ts';

export function opsCases(t: ConformanceTools): void {
  void t;
}
