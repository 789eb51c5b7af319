/**
 * "Tidy up": a layered left-to-right layout (a small Sugiyama). Steps go into columns by their longest path from a
 * source, are ordered within each column to cut crossings (yes branches above no branches), then placed so a chain
 * stays on one row and a step sits level with its parents where the column leaves room.
 * Tolerates what a draft may contain: cycles (back edges are ignored), edges to steps outside the set, loose steps.
 */
import type { Edge, Graph } from './schema.ts';

export interface LayoutOptions {
  /** Width and height every step is laid out with. Defaults: 240 × 80. */
  nodeWidth?: number;
  nodeHeight?: number;
  /** Space between columns and between steps in one column. Defaults: 80 and 40. */
  columnGap?: number;
  rowGap?: number;
  /** Positions are rounded to this grid. Default 20. */
  grid?: number;
}

type Position = { x: number; y: number };

/** Positions for the steps in `ids` (all steps when absent), with the layout's top-left at `origin`. */
export function layeredLayout(graph: Graph, ids?: ReadonlySet<string>, origin: Position = { x: 0, y: 0 }, opts: LayoutOptions = {}): Map<string, Position> {
  const { nodeWidth = 240, nodeHeight = 80, columnGap = 80, rowGap = 40, grid = 20 } = opts;
  const nodes = graph.steps.filter((s) => !ids || ids.has(s.id)).map((s) => s.id);
  if (!nodes.length) return new Map();
  const inSet = new Set(nodes);
  const edges = acyclic(nodes, graph.edges.filter((e) => inSet.has(e.source) && inSet.has(e.target) && e.source !== e.target));
  const layers = orderLayers(assignLayers(nodes, edges), edges);

  const pitch = nodeHeight + rowGap;
  const ys = new Map<string, number>();
  for (const layer of layers) placeLayer(layer, edges, ys, pitch);

  const minY = Math.min(...ys.values());
  const snap = (v: number) => Math.round(v / grid) * grid;
  const out = new Map<string, Position>();
  layers.forEach((layer, col) => {
    for (const id of layer) out.set(id, { x: snap(origin.x + col * (nodeWidth + columnGap)), y: snap(origin.y + ys.get(id)! - minY) });
  });
  return out;
}

/** Applies layeredLayout to the graph; a partial tidy keeps the selection's top-left corner where it was. */
export function tidyGraph(graph: Graph, ids?: ReadonlySet<string>, opts: LayoutOptions = {}): Graph {
  const moving = graph.steps.filter((s) => !ids || ids.has(s.id));
  if (!moving.length) return graph;
  const origin = { x: Math.min(...moving.map((s) => s.position.x)), y: Math.min(...moving.map((s) => s.position.y)) };
  const positions = layeredLayout(graph, ids, origin, opts);
  let moved = false;
  const steps = graph.steps.map((s) => {
    const p = positions.get(s.id);
    if (!p || (p.x === s.position.x && p.y === s.position.y)) return s;
    moved = true;
    return { ...s, position: p };
  });
  // Already tidy: the same graph back, so the editor records no empty undo step.
  return moved ? { ...graph, steps } : graph;
}

/** Drops the edges that close a cycle (found by depth-first search), so layering always terminates. */
function acyclic(nodes: string[], edges: Edge[]): Edge[] {
  const out = adjacency(edges);
  const state = new Map<string, 'active' | 'done'>();
  const back = new Set<Edge>();
  for (const root of nodes) {
    if (state.has(root)) continue;
    // Iterative DFS: a deep chain must not overflow the stack.
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    state.set(root, 'active');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const next = (out.get(top.id) ?? [])[top.i++];
      if (!next) {
        state.set(top.id, 'done');
        stack.pop();
      } else if (state.get(next.target) === 'active') {
        back.add(next);
      } else if (!state.has(next.target)) {
        state.set(next.target, 'active');
        stack.push({ id: next.target, i: 0 });
      }
    }
  }
  return edges.filter((e) => !back.has(e));
}

/** Longest path from the sources: a step goes one column right of its rightmost parent. */
function assignLayers(nodes: string[], edges: Edge[]): string[][] {
  const inDegree = new Map(nodes.map((id) => [id, 0]));
  for (const e of edges) inDegree.set(e.target, inDegree.get(e.target)! + 1);
  const out = adjacency(edges);
  const layer = new Map(nodes.map((id) => [id, 0]));
  const queue = nodes.filter((id) => inDegree.get(id) === 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of out.get(id) ?? []) {
      layer.set(e.target, Math.max(layer.get(e.target)!, layer.get(id)! + 1));
      inDegree.set(e.target, inDegree.get(e.target)! - 1);
      if (inDegree.get(e.target) === 0) queue.push(e.target);
    }
  }
  const layers: string[][] = [];
  for (const id of nodes) (layers[layer.get(id)!] ??= []).push(id);
  return layers.map((l) => l ?? []);
}

/** Barycenter sweeps; a yes edge pulls slightly upward and a no edge downward, so branches read yes-then-no. */
function orderLayers(layers: string[][], edges: Edge[]): string[][] {
  const bias = (e: Edge) => (e.label === 'yes' ? -0.25 : e.label === 'no' ? 0.25 : 0);
  const incoming = new Map<string, Edge[]>();
  const outgoing = adjacency(edges);
  for (const e of edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  const index = new Map<string, number>();
  const reindex = () => layers.forEach((l) => l.forEach((id, i) => index.set(id, i)));
  reindex();
  const sortBy = (layer: string[], neighbours: (id: string) => number[]) => {
    const keyed = layer.map((id, i) => {
      const ns = neighbours(id);
      return { id, key: ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : i };
    });
    keyed.sort((a, b) => a.key - b.key);
    return keyed.map((k) => k.id);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    for (let l = 1; l < layers.length; l++) {
      layers[l] = sortBy(layers[l]!, (id) => (incoming.get(id) ?? []).map((e) => index.get(e.source)! + bias(e)));
      reindex();
    }
    for (let l = layers.length - 2; l >= 0; l--) {
      layers[l] = sortBy(layers[l]!, (id) => (outgoing.get(id) ?? []).map((e) => index.get(e.target)! - bias(e)));
      reindex();
    }
  }
  return layers;
}

/** Each step wants the mean height of its parents; the column keeps its order and spacing, shifted to fit best. */
function placeLayer(layer: string[], edges: Edge[], ys: Map<string, number>, pitch: number) {
  const desired = layer.map((id) => {
    const parents = edges.filter((e) => e.target === id && ys.has(e.source)).map((e) => ys.get(e.source)! + (e.label === 'yes' ? -pitch / 2 : e.label === 'no' ? pitch / 2 : 0));
    return parents.length ? parents.reduce((a, b) => a + b, 0) / parents.length : null;
  });
  const placed: number[] = [];
  layer.forEach((_, i) => {
    if (i === 0) placed.push(desired[0] ?? 0);
    else placed.push(Math.max(desired[i] ?? -Infinity, placed[i - 1]! + pitch));
  });
  const wanted = desired.map((d, i) => (d === null ? null : d - placed[i]!)).filter((d): d is number => d !== null);
  // With no parent placed yet (the first column), centre the column on zero.
  const shift = wanted.length ? wanted.reduce((a, b) => a + b, 0) / wanted.length : -(placed[placed.length - 1]! - placed[0]!) / 2 - placed[0]!;
  layer.forEach((id, i) => ys.set(id, placed[i]! + shift));
}

function adjacency(edges: Edge[]): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  return out;
}
