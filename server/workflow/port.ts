/**
 * What the DAG walk needs from a durable-execution engine. workflow-executor implements it with Inngest's `step`
 * tools; tests may implement it directly. Every id is stable for a given graph, so a resumed run replays the same
 * ids and never repeats a recorded step.
 */
export interface StepPort {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleep(id: string, duration: string): Promise<void>;
  waitForEvent(id: string, opts: { event: string; if: string; timeout: string }): Promise<unknown | null>;
  /** Runs another function as a child and returns its output; throws when the child fails. */
  invoke(id: string, call: FunctionCall): Promise<unknown>;
}

/** A call of another Inngest function by id (serializable, so it can be memoized by a preceding step). */
export interface FunctionCall {
  functionId: string;
  data: Record<string, unknown>;
  timeout?: string;
}

export { stepIds } from '../../shared/steps/step-ids.ts';
