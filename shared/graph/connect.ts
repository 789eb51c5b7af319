/**
 * The rules for drawing an edge, checked while the user drags a connection (before validateDag would complain).
 * A refused connection carries a sentence the canvas shows next to the pointer.
 *
 * Glossary
 * - attempt: source step, target step and the source handle the drag started from.
 * - branch handle: a condition or approval has two source handles, `yes` and `no`; the edge takes the handle's
 *   name as its label. Every other step has one unnamed source handle and its edges carry no label.
 */
import type { Edge, EdgeLabel, Graph, Step } from './schema.ts';
import { EDGE_LABELS } from './schema.ts';

export interface ConnectionAttempt {
  source: string;
  target: string;
  /** The handle the drag started from: `yes`/`no` on a branching step, null (or absent) elsewhere. */
  sourceHandle?: string | null;
}

export const REFUSAL_CODES = ['MISSING_STEP', 'SELF_LOOP', 'INTO_TRIGGER', 'NEEDS_BRANCH', 'DUPLICATE_EDGE', 'CYCLE'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface ConnectRefusal {
  code: RefusalCode;
  message: string;
}

/** Conditions and approvals leave through a yes or a no branch. */
export function isBranching(step: Pick<Step, 'type'>): boolean {
  return step.type === 'condition' || step.type === 'human_gate';
}

/** The label an edge leaving `source` through `handle` gets; undefined when a branching step is left unlabelled. */
export function edgeLabelFor(source: Pick<Step, 'type'>, handle: string | null | undefined): EdgeLabel | null | undefined {
  if (!isBranching(source)) return null;
  return (EDGE_LABELS as readonly string[]).includes(handle ?? '') ? (handle as EdgeLabel) : undefined;
}

/**
 * Why `attempt` may not become an edge, or null when it may. `ignoreEdgeId` leaves one edge out of the checks:
 * the edge being reconnected, which is about to move.
 */
export function checkConnection(graph: Graph, attempt: ConnectionAttempt, opts: { ignoreEdgeId?: string } = {}): ConnectRefusal | null {
  const source = graph.steps.find((s) => s.id === attempt.source);
  const target = graph.steps.find((s) => s.id === attempt.target);
  if (!source || !target) return { code: 'MISSING_STEP', message: 'That step no longer exists' };
  if (source.id === target.id) return { code: 'SELF_LOOP', message: 'A step cannot connect to itself' };
  if (target.type === 'trigger') return { code: 'INTO_TRIGGER', message: 'Nothing can lead into the trigger: every run starts there' };
  if (edgeLabelFor(source, attempt.sourceHandle) === undefined) {
    return { code: 'NEEDS_BRANCH', message: `Connect from the yes or the no side of "${source.name}"` };
  }
  const edges = opts.ignoreEdgeId ? graph.edges.filter((e) => e.id !== opts.ignoreEdgeId) : graph.edges;
  if (edges.some((e) => e.source === source.id && e.target === target.id)) {
    return { code: 'DUPLICATE_EDGE', message: `"${source.name}" already leads to "${target.name}"` };
  }
  if (reaches(edges, target.id, source.id)) {
    return { code: 'CYCLE', message: `That would make a loop: "${target.name}" already leads back to "${source.name}"` };
  }
  return null;
}

/** Adds the edge `attempt` describes, or says why not. `id` is the new edge's id (the caller keeps ids fresh). */
export function connect(graph: Graph, attempt: ConnectionAttempt, id: string): { graph: Graph; edge: Edge } | { refusal: ConnectRefusal } {
  const refusal = checkConnection(graph, attempt);
  if (refusal) return { refusal };
  const source = graph.steps.find((s) => s.id === attempt.source)!;
  const edge: Edge = { id, source: attempt.source, target: attempt.target, label: edgeLabelFor(source, attempt.sourceHandle) ?? null };
  return { graph: { ...graph, edges: [...graph.edges, edge] }, edge };
}

/** Moves one end (or both) of edge `edgeId`, keeping its id; the label follows the new source handle. */
export function reconnect(graph: Graph, edgeId: string, attempt: ConnectionAttempt): { graph: Graph } | { refusal: ConnectRefusal } {
  const old = graph.edges.find((e) => e.id === edgeId);
  if (!old) return { refusal: { code: 'MISSING_STEP', message: 'That connection no longer exists' } };
  const refusal = checkConnection(graph, attempt, { ignoreEdgeId: edgeId });
  if (refusal) return { refusal };
  const source = graph.steps.find((s) => s.id === attempt.source)!;
  const moved: Edge = { ...old, source: attempt.source, target: attempt.target, label: edgeLabelFor(source, attempt.sourceHandle) ?? null };
  return { graph: { ...graph, edges: graph.edges.map((e) => (e.id === edgeId ? moved : e)) } };
}

/** True when a path of `edges` leads from `from` to `to` (a step reaches itself only through a cycle). */
export function reaches(edges: readonly Edge[], from: string, to: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(out.get(id) ?? []));
  }
  return false;
}
