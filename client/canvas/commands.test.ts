import { describe, expect, it } from 'vitest';
import { cond, delay, edge, graph, trig } from '../../shared/graph/fixtures.ts';
import { structuralIssues, validateDag } from '../../shared/graph/validate.ts';
import { connectSteps, copySelection, deleteSelection, duplicateSelection, insertStep, paste, reconnectEdge, renameStep, selectAll, tidy, updateConfig } from './commands.ts';
import { applyEdgeChanges, applyNodeChanges } from './flow-changes.ts';
import { createEditorStore, redo, setSelection, undo, type WorkflowMeta } from './store.ts';

const META: WorkflowMeta = { id: 'w', companySlug: 'acme', name: 'W', revision: 1, isEnabled: false, triggerConfig: { type: 'manual' }, published: null };

function editor() {
  return createEditorStore(graph([trig(), cond('c'), delay('a'), delay('b')], [edge('t', 'c'), edge('c', 'a', 'yes')]), META);
}

describe('commands', () => {
  it('inserts a step after the selected one and connects it from a free branch', () => {
    const store = editor();
    setSelection(store, ['c']);
    const step = insertStep(store, 'create_task', {});
    const { graph: g, selection } = store.getState();
    expect(g.edges.find((e) => e.target === step.id)).toMatchObject({ source: 'c', label: 'no' });
    expect([...selection.steps]).toEqual([step.id]);
    expect(step.name).toBe('Create task');
    expect(step.config).toEqual({ title: '', priority: 'medium' });
  });

  it('drops a step centred where it was dropped, unconnected', () => {
    const store = editor();
    setSelection(store, ['c']);
    const step = insertStep(store, 'delay', { at: { x: 500, y: 300 } });
    expect(step.position).toEqual({ x: 380, y: 260 });
    expect(store.getState().graph.edges.some((e) => e.target === step.id)).toBe(false);
  });

  it('deletes the selection with its edges, and undo/redo restore exactly', () => {
    const store = editor();
    const before = store.getState().graph;
    setSelection(store, ['c']);
    deleteSelection(store);
    const after = store.getState().graph;
    expect(after.steps.map((s) => s.id)).toEqual(['t', 'a', 'b']);
    expect(after.edges).toEqual([]);
    expect(store.getState().selection.steps.size).toBe(0);
    undo(store);
    expect(store.getState().graph).toBe(before);
    redo(store);
    expect(store.getState().graph).toBe(after);
  });

  it('copy/paste and duplicate make fresh, still well-formed copies with internal edges', () => {
    const store = editor();
    setSelection(store, ['c', 'a']);
    expect(copySelection(store)).toBe(2);
    paste(store);
    paste(store);
    setSelection(store, ['a']);
    duplicateSelection(store);
    const g = store.getState().graph;
    expect(g.steps).toHaveLength(4 + 2 + 2 + 1);
    expect(g.edges).toHaveLength(2 + 1 + 1);
    expect(structuralIssues(validateDag(g))).toEqual([]);
    expect(store.getState().selection.steps.size).toBe(1);
  });

  it('refuses a cycle with a hint and changes nothing', () => {
    const store = editor();
    const before = store.getState().graph;
    connectSteps(store, { source: 'a', target: 'c' });
    expect(store.getState().graph).toBe(before);
    expect(store.getState().hint?.message).toMatch(/loop/);
    connectSteps(store, { source: 'a', target: 'b' });
    expect(store.getState().graph.edges).toHaveLength(3);
  });

  it('reconnects an edge and relabels it', () => {
    const store = editor();
    reconnectEdge(store, 'e-c-a', { source: 'c', target: 'b', sourceHandle: 'no' });
    expect(store.getState().graph.edges.find((e) => e.id === 'e-c-a')).toMatchObject({ target: 'b', label: 'no' });
  });

  it('typing in one field is one undo step', () => {
    const store = editor();
    for (const expr of ['a', 'a >', 'a > 1']) updateConfig(store, 'c', { expression: expr }, 'expression');
    renameStep(store, 'c', 'Big?');
    expect(store.getState().history.past).toHaveLength(2);
    undo(store);
    undo(store);
    expect(store.getState().graph.steps[1]!.config).toEqual(cond('c').config);
  });

  it('select all, and tidy the whole graph or just the selection', () => {
    const store = editor();
    selectAll(store);
    expect(store.getState().selection.steps.size).toBe(4);
    expect(tidy(store)).toBe('selection');
    setSelection(store, []);
    expect(tidy(store)).toBe('graph');
    const xs = Object.fromEntries(store.getState().graph.steps.map((s) => [s.id, s.position.x]));
    expect(xs.t!).toBeLessThan(xs.c!);
    expect(xs.c!).toBeLessThan(xs.a!);
  });
});

describe('flow changes', () => {
  it('a drag is one undo step and one autosave', () => {
    const store = editor();
    const v = store.getState().editVersion;
    applyNodeChanges(store, [{ type: 'position', id: 'a', position: { x: 10, y: 10 }, dragging: true }]);
    applyNodeChanges(store, [{ type: 'position', id: 'a', position: { x: 20.4, y: 30 }, dragging: true }]);
    expect(store.getState().editVersion).toBe(v);
    applyNodeChanges(store, [{ type: 'position', id: 'a', position: { x: 40, y: 60 }, dragging: false }]);
    expect(store.getState().editVersion).toBe(v + 1);
    expect(store.getState().history.past).toHaveLength(1);
    expect(store.getState().graph.steps[2]!.position).toEqual({ x: 40, y: 60 });
    undo(store);
    expect(store.getState().graph.steps[2]!.position).toEqual({ x: 0, y: 0 });
  });

  it('tracks selection and sizes without touching the graph or history', () => {
    const store = editor();
    const g = store.getState().graph;
    applyNodeChanges(store, [
      { type: 'select', id: 'a', selected: true },
      { type: 'dimensions', id: 'a', dimensions: { width: 240, height: 76 } },
    ]);
    applyEdgeChanges(store, [{ type: 'select', id: 'e-t-c', selected: true }]);
    const s = store.getState();
    expect(s.graph).toBe(g);
    expect([...s.selection.steps]).toEqual(['a']);
    expect([...s.selection.edges]).toEqual(['e-t-c']);
    expect(s.sizes.get('a')).toEqual({ width: 240, height: 76 });
    expect(s.history.past).toHaveLength(0);
  });
});
