/**
 * The variables CEL expressions see: `event` (the trigger: name and data), `steps.<id>` (each completed step's
 * output), `data` (the run's data, extended by transform steps) and `run` (ids). Built from memoized outputs only, so
 * it is the same on every replay.
 */
export interface RunVars {
  event: { name: string; data: Record<string, unknown> };
  steps: Record<string, unknown>;
  data: Record<string, unknown>;
  run: { id: string; workflowId: string };
}

export function celVars(v: RunVars): Record<string, unknown> {
  return { event: v.event, steps: v.steps, data: v.data, run: v.run };
}
