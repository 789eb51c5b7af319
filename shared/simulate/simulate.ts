/**
 * The what-if over many runs: each run walked through the draft (walk.ts), the edges counted, and, when there is a
 * published version, each run walked through it too so the runs whose path or approvals change can be listed.
 * Pure: the server gathers the runs (read-only) and the browser only draws the result.
 */
import type { Graph } from '../graph/schema.ts';
import type { EdgeCount, PathChange, RunOutcome, SimulationResult, SimulationRun } from './schema.ts';
import { walkRun } from './worlds.ts';

export function simulate(draft: Graph, runs: readonly SimulationRun[], opts: { workflowId: string; published?: Graph | null }): SimulationResult {
  const outcomes = runs.map((r) => walkRun(draft, r, opts.workflowId));
  const approvals: SimulationResult['approvals'] = {};
  for (const o of outcomes) {
    for (const [id, need] of Object.entries(o.approvals)) {
      const a = (approvals[id] ??= { required: 0, maybe: 0 });
      a[need] += 1;
    }
  }
  let comparison: SimulationResult['comparison'] = null;
  if (opts.published) {
    const before = runs.map((r) => walkRun(opts.published!, r, opts.workflowId));
    comparison = {
      changed: outcomes.map((after, i) => pathChange(before[i]!, after)).filter((c): c is PathChange => c !== null),
      publishedEdges: countEdges(opts.published, before),
    };
  }
  return { total: runs.length, edges: countEdges(draft, outcomes), approvals, runs: outcomes, comparison };
}

export function countEdges(graph: Graph, outcomes: readonly RunOutcome[]): Record<string, EdgeCount> {
  const counts: Record<string, EdgeCount> = Object.fromEntries(graph.edges.map((e) => [e.id, { taken: 0, uncertain: 0 }]));
  for (const o of outcomes) {
    for (const e of graph.edges) {
      const fate = o.edges[e.id];
      if (fate === 'taken') counts[e.id]!.taken += 1;
      else if (fate === 'uncertain') counts[e.id]!.uncertain += 1;
    }
  }
  return counts;
}

/** Steps are compared by id: a step that runs (or fails, or may run) in one graph and not in the other moved. */
function pathChange(before: RunOutcome, after: RunOutcome): PathChange | null {
  const reached = (o: RunOutcome) => new Set(Object.entries(o.steps).filter(([, f]) => f !== 'skipped').map(([id]) => id));
  const b = reached(before);
  const a = reached(after);
  const added = [...a].filter((id) => !b.has(id) || before.steps[id] !== after.steps[id]).sort();
  const removed = [...b].filter((id) => !a.has(id)).sort();
  const newApprovals = Object.keys(after.approvals).filter((id) => !before.approvals[id]).sort();
  if (!added.length && !removed.length && !newApprovals.length) return null;
  return { runId: after.runId, label: after.label, added, removed, newApprovals };
}

/**
 * The edges the engine took in a run, from what it recorded: an edge is taken when its source completed and its
 * label is empty or the source's branch (a condition's `branch`; a gate's decision, `yes` when approved; a gate its
 * `when` skipped goes on as approved, as the walk does).
 */
export function recordedEdges(graph: Graph, recorded: Record<string, { status: string; output: unknown }>): Set<string> {
  const taken = new Set<string>();
  for (const e of graph.edges) {
    const src = recorded[e.source];
    const step = graph.steps.find((s) => s.id === e.source);
    if (!src || !step) continue;
    const out = (src.output ?? {}) as { branch?: unknown; decision?: unknown; skipped?: unknown };
    const gateSkipped = step.type === 'human_gate' && src.status === 'skipped' && out.skipped === true;
    if (src.status !== 'completed' && !gateSkipped) continue;
    const branch = step.type === 'condition' ? out.branch : step.type === 'human_gate' ? (gateSkipped || out.decision === 'approved' ? 'yes' : 'no') : null;
    if (e.label === null || e.label === branch) taken.add(e.id);
  }
  return taken;
}
