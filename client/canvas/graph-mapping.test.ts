import { describe, expect, it } from 'vitest';
import { cond, delay, edge, gate, graph, trig } from '../../shared/graph/fixtures.ts';
import { moveSteps } from './edits.ts';
import { createEdgeMapper, createNodeMapper, sourceHandleOf } from './graph-mapping.ts';
import { indexIssues, issueField } from './issue-index.ts';

const g = graph([trig(), cond('c'), delay('a')], [edge('t', 'c'), edge('c', 'a', 'yes'), { id: 'odd', source: 't', target: 'a', label: 'no' }]);

describe('node mapping', () => {
  it('maps steps to step nodes carrying only the step', () => {
    const nodes = createNodeMapper()(g.steps, new Set(['c']), new Map());
    expect(nodes[1]).toMatchObject({ id: 'c', type: 'step', position: { x: 0, y: 0 }, selected: true, data: { step: g.steps[1] }, ariaLabel: 'Condition: c' });
    expect(nodes[0]!.selected).toBe(false);
    expect(nodes[0]).not.toHaveProperty('measured');
  });

  it('reuses the node objects of steps that did not change', () => {
    const map = createNodeMapper();
    const first = map(g.steps, new Set(), new Map());
    const moved = moveSteps(g, new Map([['a', { x: 100, y: 0 }]]));
    const second = map(moved.steps, new Set(), new Map());
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).not.toBe(first[2]);
    expect(second[2]!.position).toEqual({ x: 100, y: 0 });
    const third = map(moved.steps, new Set(['t']), new Map([['c', { width: 240, height: 80 }]]));
    expect(third[0]).not.toBe(second[0]);
    expect(third[1]!.measured).toEqual({ width: 240, height: 80 });
    expect(third[2]).toBe(second[2]);
  });

  it('hands back the same array when no node changed, so React Flow skips its pass over them', () => {
    const map = createNodeMapper();
    const first = map(g.steps, new Set(), new Map());
    expect(map([...g.steps], new Set(), new Map())).toBe(first);
    expect(map(moveSteps(g, new Map([['a', { x: 5, y: 0 }]])).steps, new Set(), new Map())).not.toBe(first);
  });
});

describe('edge mapping', () => {
  it('routes branch edges from their yes/no handle and others from the single handle', () => {
    const edges = createEdgeMapper()(g.edges, g.steps, new Set());
    expect(edges.map((e) => e.sourceHandle)).toEqual([null, 'yes', null]);
    expect(edges[1]).toMatchObject({ type: 'branch', data: { label: 'yes', text: 'yes' }, ariaLabel: 'c to a (yes)' });
    // A label on an edge from an ordinary step (an issue) still draws, from the ordinary handle.
    expect(sourceHandleOf(g.edges[2]!, g.steps[0])).toBeNull();
  });

  it('calls an approval\'s branches approved and rejected', () => {
    const withGate = graph([trig(), gate('h'), delay('a')], [edge('h', 'a', 'no')]);
    expect(createEdgeMapper()(withGate.edges, withGate.steps, new Set())[0]).toMatchObject({ sourceHandle: 'no', data: { text: 'rejected' }, ariaLabel: 'h to a (rejected)' });
  });

  it('refreshes an edge when a step it names is renamed', () => {
    const map = createEdgeMapper();
    const first = map(g.edges, g.steps, new Set());
    const renamed = g.steps.map((s) => (s.id === 'a' ? { ...s, name: 'Archive' } : s));
    const second = map(g.edges, renamed, new Set());
    expect(second[0]).toBe(first[0]);
    expect(second[1]!.ariaLabel).toBe('c to Archive (yes)');
  });

  it('hands back the same array when a step only moved', () => {
    const map = createEdgeMapper();
    const first = map(g.edges, g.steps, new Set());
    expect(map(g.edges, moveSteps(g, new Map([['c', { x: 300, y: 40 }]])).steps, new Set())).toBe(first);
    expect(map(g.edges, g.steps, new Set(['odd']))).not.toBe(first);
  });
});

describe('issue index', () => {
  it('files issues under their edge first, then their step; keeps graph-wide ones in all', () => {
    const idx = indexIssues([
      { code: 'CONDITION_BRANCHES', edgeId: 'e1', stepId: 'c', message: 'x' },
      { code: 'INVALID_CONFIG', stepId: 'c', field: 'mapping.total', message: 'y' },
      { code: 'TRIGGER_COUNT', message: 'z' },
    ]);
    expect(idx.byEdge.get('e1')).toHaveLength(1);
    expect(idx.byStep.get('c')).toHaveLength(1);
    expect(idx.all).toHaveLength(3);
    expect(issueField(idx.byStep.get('c')![0]!)).toBe('mapping');
  });
});
