/** The canvas's graph edits as pure functions: each takes a graph and returns a new one, sharing what it did not touch. */
import type { Graph, Step } from '../../shared/graph/schema.ts';
import { uniqueName, type IdFactory } from '../../shared/graph/fragment.ts';
import type { StepDefaults } from '../../shared/settings/company-settings.ts';
import { STEP_REGISTRY, type StepKind } from '../../shared/steps/registry.ts';

/** The footprint a step occupies on the canvas (the node renders this wide; heights vary a little). */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 80;
export const GRID = 20;

type Position = { x: number; y: number };

/**
 * A new step of `kind` at `position`, named after its kind (numbered when the name is taken). Its config is the
 * kind's default with the company's overrides (`defaults`, e.g. whether a new approval forbids self-approval).
 */
export function addStep(graph: Graph, kind: StepKind, position: Position, newId: IdFactory, defaults: StepDefaults = {}): { graph: Graph; step: Step } {
  const def = STEP_REGISTRY[kind];
  const step: Step = {
    id: kind === 'trigger' && !graph.steps.some((s) => s.id === 'trigger') ? 'trigger' : newId(kind),
    type: def.type,
    kind,
    name: uniqueName(def.title, new Set(graph.steps.map((s) => s.name))),
    config: structuredClone({ ...def.defaultConfig, ...defaults[kind] }),
    position: roundPosition(position),
  };
  return { graph: { ...graph, steps: [...graph.steps, step] }, step };
}

/** Removes steps (with every edge touching them) and edges; never leaves an edge dangling. */
export function removeElements(graph: Graph, stepIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): Graph {
  if (!stepIds.size && !edgeIds.size) return graph;
  return {
    steps: graph.steps.filter((s) => !stepIds.has(s.id)),
    edges: graph.edges.filter((e) => !edgeIds.has(e.id) && !stepIds.has(e.source) && !stepIds.has(e.target)),
  };
}

/** Changes a step's name and/or config. */
export function updateStep(graph: Graph, id: string, patch: Partial<Pick<Step, 'name' | 'config'>>): Graph {
  return { ...graph, steps: graph.steps.map((s) => (s.id === id ? { ...s, ...patch } : s)) };
}

/** Moves steps; unmoved steps keep their identity (so their nodes do not re-render). */
export function moveSteps(graph: Graph, positions: ReadonlyMap<string, Position>): Graph {
  let changed = false;
  const steps = graph.steps.map((s) => {
    const p = positions.get(s.id);
    if (!p) return s;
    const next = roundPosition(p);
    if (next.x === s.position.x && next.y === s.position.y) return s;
    changed = true;
    return { ...s, position: next };
  });
  return changed ? { ...graph, steps } : graph;
}

/** The first spot at or below `desired` where a new step overlaps no existing one. */
export function freePosition(graph: Graph, desired: Position): Position {
  const p = roundPosition(desired);
  const overlaps = () => graph.steps.some((s) => Math.abs(s.position.x - p.x) < NODE_WIDTH && Math.abs(s.position.y - p.y) < NODE_HEIGHT);
  for (let i = 0; i < 200 && overlaps(); i++) p.y += NODE_HEIGHT + 2 * GRID;
  return p;
}

/** Where a step inserted "after" `from` goes: one column to the right, at the first free row. */
export function positionAfter(graph: Graph, from: Step): Position {
  return freePosition(graph, { x: from.position.x + NODE_WIDTH + 4 * GRID, y: from.position.y });
}

function roundPosition(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
