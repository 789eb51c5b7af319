/**
 * React Flow reports what the user did to nodes and edges as "changes"; this applies them to the editor store.
 * A drag is one undo step: the graph before the first move is recorded, the moves in between are not, and the
 * last move (dragging: false) counts as one edit for autosave. Removal never comes from here: Delete is ours.
 */
import type { EdgeChange, NodeChange } from '@xyflow/react';
import { moveSteps } from './edits.ts';
import type { BranchFlowEdge, Size, StepFlowNode } from './graph-mapping.ts';
import { record } from './history.ts';
import type { EditorStore } from './store.ts';

export function applyNodeChanges(store: EditorStore, changes: NodeChange<StepFlowNode>[]): void {
  const s = store.getState();
  let sizes: Map<string, Size> | null = null;
  const positions = new Map<string, { x: number; y: number }>();
  let selected: Set<string> | null = null;
  let anyDragging = false;
  let dragEnded = false;

  for (const c of changes) {
    if (c.type === 'dimensions' && c.dimensions) {
      const old = s.sizes.get(c.id);
      if (old?.width !== c.dimensions.width || old?.height !== c.dimensions.height) {
        sizes ??= new Map(s.sizes);
        sizes.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
      }
    } else if (c.type === 'select') {
      selected ??= new Set(s.selection.steps);
      if (c.selected) selected.add(c.id);
      else selected.delete(c.id);
    } else if (c.type === 'position') {
      if (c.position) positions.set(c.id, c.position);
      if (c.dragging) anyDragging = true;
      else dragEnded = true;
    }
  }

  const patch: Partial<ReturnType<EditorStore['getState']>> = {};
  if (sizes) patch.sizes = sizes;
  if (selected) patch.selection = { steps: selected, edges: s.selection.edges };
  if (positions.size || dragEnded) {
    const graph = moveSteps(s.graph, positions);
    const starting = anyDragging && !s.dragging;
    // A move outside a drag (arrow keys on a focused node) is a whole edit by itself.
    const oneShot = !anyDragging && !s.dragging && graph !== s.graph;
    if (starting || oneShot) patch.history = record(s.history, s.graph);
    patch.graph = graph;
    patch.dragging = anyDragging;
    if ((dragEnded && s.dragging) || oneShot) patch.editVersion = s.editVersion + 1;
  }
  if (Object.keys(patch).length) store.setState(patch);
}

export function applyEdgeChanges(store: EditorStore, changes: EdgeChange<BranchFlowEdge>[]): void {
  const s = store.getState();
  let selected: Set<string> | null = null;
  for (const c of changes) {
    if (c.type !== 'select') continue;
    selected ??= new Set(s.selection.edges);
    if (c.selected) selected.add(c.id);
    else selected.delete(c.id);
  }
  if (selected) store.setState({ selection: { steps: s.selection.steps, edges: selected } });
}
