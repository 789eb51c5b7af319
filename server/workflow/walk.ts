/**
 * The DAG walk. Each step settles once all its parents have: it runs when at least one incoming edge was taken
 * (a join waits for every parent; one taken parent is enough), and is skipped when none was, which propagates
 * down the untaken branch. Independent steps run in parallel. A failed step fails the run: steps that had not
 * started yet are skipped; those already running finish. Deterministic given the recorded outcomes, which the
 * engine replays in completion order.
 */
import type { Edge, Graph, Step } from '../../shared/graph/schema.ts';
import type { NodeOutcome } from './nodes.ts';
import type { RunVars } from './vars.ts';

export interface NodeRunner {
  run(step: Step, vars: RunVars): Promise<NodeOutcome>;
  skip(step: Step, reason: string): Promise<void>;
  fail(step: Step, error: { name: string; message: string; stack?: string }): Promise<void>;
}

type Settled = { status: 'completed'; outcome: NodeOutcome } | { status: 'skipped' } | { status: 'failed' };

export interface WalkResult {
  status: 'completed' | 'failed';
  failedStep?: string;
  error?: { name: string; message: string };
  vars: RunVars;
}

export async function walkDag(graph: Graph, runner: NodeRunner, initial: RunVars): Promise<WalkResult> {
  const byId = new Map(graph.steps.map((s) => [s.id, s]));
  const incoming = new Map<string, Edge[]>();
  for (const e of graph.edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  const vars: RunVars = { ...initial, steps: { ...initial.steps }, data: { ...initial.data } };
  const settled = new Map<string, Promise<Settled>>();
  const state: { failure: { stepId: string; error: { name: string; message: string } } | null } = { failure: null };

  const settle = (id: string): Promise<Settled> => {
    let p = settled.get(id);
    if (!p) {
      p = decide(byId.get(id)!);
      settled.set(id, p);
    }
    return p;
  };

  async function decide(step: Step): Promise<Settled> {
    if (step.type === 'trigger') {
      vars.steps[step.id] = vars.event.data;
      return { status: 'completed', outcome: { output: vars.event.data } };
    }
    const edges = incoming.get(step.id) ?? [];
    const parents = await Promise.all(edges.map((e) => settle(e.source)));
    const taken = edges.filter((e, i) => isTaken(e, parents[i]!));
    if (state.failure) {
      await runner.skip(step, `run failed at "${byId.get(state.failure.stepId)?.name ?? state.failure.stepId}"`);
      return { status: 'skipped' };
    }
    if (taken.length === 0) {
      await runner.skip(step, describeUntaken(edges, parents, byId));
      return { status: 'skipped' };
    }
    try {
      const outcome = await runner.run(step, snapshot(vars));
      vars.steps[step.id] = outcome.output;
      if (outcome.data) Object.assign(vars.data, outcome.data);
      return { status: 'completed', outcome };
    } catch (err) {
      const error = toError(err);
      state.failure ??= { stepId: step.id, error };
      await runner.fail(step, error);
      return { status: 'failed' };
    }
  }

  await Promise.all(graph.steps.map((s) => settle(s.id)));
  const failure = state.failure;
  return failure ? { status: 'failed', failedStep: failure.stepId, error: failure.error, vars } : { status: 'completed', vars };
}

function isTaken(edge: Edge, parent: Settled): boolean {
  if (parent.status !== 'completed') return false;
  return edge.label === null || edge.label === parent.outcome.branch;
}

function describeUntaken(edges: Edge[], parents: Settled[], byId: Map<string, Step>): string {
  const why = edges.map((e, i) => {
    const p = parents[i]!;
    const name = byId.get(e.source)?.name ?? e.source;
    if (p.status === 'completed') return `"${name}" took ${p.outcome.branch ?? '?'}, not ${e.label}`;
    return `"${name}" was ${p.status}`;
  });
  return `branch not taken: ${why.join('; ')}`;
}

function snapshot(v: RunVars): RunVars {
  return { ...v, steps: { ...v.steps }, data: { ...v.data } };
}

function toError(err: unknown): { name: string; message: string; stack?: string } {
  if (err instanceof Error) return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { name: 'Error', message: String(err) };
}
