/**
 * What the user can do to the graph, as commands over the editor store. The toolbar, the shortcuts, the palette
 * and the panels all call these, so every path gets the same undo step, selection and autosave.
 */
import { connect, isBranching, reconnect, type ConnectionAttempt } from '../../shared/graph/connect.ts';
import { extractFragment, graphIds, idFactory, pasteFragment } from '../../shared/graph/fragment.ts';
import { tidyGraph } from '../../shared/graph/layout.ts';
import type { Step } from '../../shared/graph/schema.ts';
import type { StepKind } from '../../shared/steps/registry.ts';
import { readClipboard, writeClipboard } from './clipboard.ts';
import { addStep, freePosition, GRID, NODE_HEIGHT, NODE_WIDTH, positionAfter, removeElements, updateStep } from './edits.ts';
import { commit, setSelection, showHint, type EditorStore } from './store.ts';

const PASTE_OFFSET = 2 * GRID;

function newIds(store: EditorStore) {
  return idFactory(graphIds(store.getState().graph));
}

/**
 * Adds a step. Dropped at `at` (its centre), it goes there. Clicked in the palette with one step selected, it
 * goes to that step's right and is connected from it (from a free branch of a condition); otherwise it goes near
 * `fallbackCentre` (the middle of the visible canvas).
 */
export function insertStep(store: EditorStore, kind: StepKind, place: { at?: { x: number; y: number }; fallbackCentre?: { x: number; y: number } }): Step {
  const { graph, selection } = store.getState();
  const ids = newIds(store);
  const selected = selection.steps.size === 1 ? graph.steps.find((s) => selection.steps.has(s.id)) : undefined;
  let position: { x: number; y: number };
  if (place.at) position = { x: place.at.x - NODE_WIDTH / 2, y: place.at.y - NODE_HEIGHT / 2 };
  else if (selected) position = positionAfter(graph, selected);
  else {
    const c = place.fallbackCentre ?? { x: 0, y: 0 };
    position = freePosition(graph, { x: c.x - NODE_WIDTH / 2, y: c.y - NODE_HEIGHT / 2 });
  }
  if (store.getState().snapToGrid) position = { x: Math.round(position.x / GRID) * GRID, y: Math.round(position.y / GRID) * GRID };
  const added = addStep(graph, kind, position, ids, store.getState().meta.stepDefaults);
  let next = added.graph;
  if (!place.at && selected && kind !== 'trigger') {
    const handle = isBranching(selected) ? freeBranch(next, selected) : null;
    if (handle !== undefined) {
      const linked = connect(next, { source: selected.id, target: added.step.id, sourceHandle: handle }, ids('edge'));
      if ('graph' in linked) next = linked.graph;
    }
  }
  commit(store, next, { select: { steps: new Set([added.step.id]), edges: new Set() } });
  return added.step;
}

/** The first of yes/no with no edge yet; undefined when both are taken. */
function freeBranch(graph: { edges: { source: string; label: string | null }[] }, step: Step): 'yes' | 'no' | undefined {
  const used = new Set(graph.edges.filter((e) => e.source === step.id).map((e) => e.label));
  return (['yes', 'no'] as const).find((l) => !used.has(l));
}

export function deleteSelection(store: EditorStore): void {
  const { graph, selection } = store.getState();
  commit(store, removeElements(graph, selection.steps, selection.edges));
}

export function deleteEdge(store: EditorStore, edgeId: string): void {
  commit(store, removeElements(store.getState().graph, new Set(), new Set([edgeId])));
}

export function deleteStep(store: EditorStore, stepId: string): void {
  commit(store, removeElements(store.getState().graph, new Set([stepId]), new Set()));
}

export function selectAll(store: EditorStore): void {
  const { graph } = store.getState();
  setSelection(store, graph.steps.map((s) => s.id), graph.edges.map((e) => e.id));
}

/** Copies the selected steps (and the edges between them); returns how many steps were copied. */
export function copySelection(store: EditorStore): number {
  const { graph, selection } = store.getState();
  const fragment = extractFragment(graph, selection.steps);
  if (!fragment.steps.length) {
    if (selection.steps.size) showHint(store, 'The trigger cannot be copied: a workflow has exactly one');
    return 0;
  }
  writeClipboard(fragment);
  store.setState({ pasteCount: 0 });
  return fragment.steps.length;
}

export function paste(store: EditorStore): void {
  const fragment = readClipboard();
  if (!fragment?.steps.length) return;
  const count = store.getState().pasteCount + 1;
  store.setState({ pasteCount: count });
  placeFragment(store, fragment, count * PASTE_OFFSET);
}

/** Ctrl/Cmd+D: copies the selection next to itself without touching the clipboard. */
export function duplicateSelection(store: EditorStore): void {
  const { graph, selection } = store.getState();
  const fragment = extractFragment(graph, selection.steps);
  if (fragment.steps.length) placeFragment(store, fragment, PASTE_OFFSET);
}

function placeFragment(store: EditorStore, fragment: Parameters<typeof pasteFragment>[1], offset: number) {
  const r = pasteFragment(store.getState().graph, fragment, { x: offset, y: offset }, newIds(store));
  commit(store, r.graph, { select: { steps: new Set(r.stepIds), edges: new Set(r.edgeIds) } });
}

/** Tidies the selection when it has two or more steps, else the whole graph. Returns what it tidied. */
export function tidy(store: EditorStore): 'selection' | 'graph' {
  const { graph, selection } = store.getState();
  const partial = selection.steps.size >= 2;
  commit(store, tidyGraph(graph, partial ? selection.steps : undefined));
  return partial ? 'selection' : 'graph';
}

export function connectSteps(store: EditorStore, attempt: ConnectionAttempt): void {
  const r = connect(store.getState().graph, attempt, newIds(store)('edge'));
  if ('refusal' in r) showHint(store, r.refusal.message);
  else commit(store, r.graph, { select: { steps: new Set(), edges: new Set([r.edge.id]) } });
}

export function reconnectEdge(store: EditorStore, edgeId: string, attempt: ConnectionAttempt): void {
  const r = reconnect(store.getState().graph, edgeId, attempt);
  if ('refusal' in r) showHint(store, r.refusal.message);
  else commit(store, r.graph);
}

/** Typing in one field is one undo step (coalesced by `field`). */
export function updateConfig(store: EditorStore, stepId: string, config: Record<string, unknown>, field: string): void {
  commit(store, updateStep(store.getState().graph, stepId, { config }), { key: `config:${stepId}:${field}` });
}

export function renameStep(store: EditorStore, stepId: string, name: string): void {
  commit(store, updateStep(store.getState().graph, stepId, { name }), { key: `name:${stepId}` });
}
