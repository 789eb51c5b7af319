import { describe, expect, it } from 'vitest';
import { diffGraphs, isEmptyDiff, mergeForDiff, REMOVED_EDGE_PREFIX, sameJson } from './diff.ts';
import { cond, delay, edge, graph, step, trig } from './fixtures.ts';
import type { Graph, Step } from './schema.ts';

const at = (s: Step, x: number, y: number): Step => ({ ...s, position: { x, y } });
const base: Graph = graph(
  [at(trig(), 0, 0), at(cond('c', 'event.data.amount > 100'), 300, 0), at(delay('y'), 600, -100), at(delay('n'), 600, 100)],
  [edge('t', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no')],
);

function statuses(d: ReturnType<typeof diffGraphs>) {
  return {
    steps: Object.fromEntries(d.steps.map((s) => [s.id, s.status])),
    edges: Object.fromEntries(d.edges.map((e) => [e.key, e.status])),
  };
}

describe('diffGraphs', () => {
  it('finds nothing between a graph and itself, or a copy with keys in another order', () => {
    expect(isEmptyDiff(diffGraphs(base, base))).toBe(true);
    const reordered: Graph = JSON.parse(JSON.stringify(base), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(diffGraphs(base, reordered)).toEqual({ steps: [], edges: [], counts: { added: 0, removed: 0, changed: 0, moved: 0 } });
  });

  it('marks added and removed steps, and the edges that came and went with them', () => {
    const target = graph([...base.steps.filter((s) => s.id !== 'n'), at(delay('extra'), 900, 0)], [edge('t', 'c'), edge('c', 'y', 'yes'), edge('y', 'extra')]);
    const d = diffGraphs(base, target);
    expect(statuses(d)).toEqual({ steps: { extra: 'added', n: 'removed' }, edges: { 'y->extra': 'added', 'c->n': 'removed' } });
    expect(d.counts).toEqual({ added: 2, removed: 2, changed: 0, moved: 0 });
    expect(d.steps.find((s) => s.id === 'n')!.step).toEqual(base.steps[3]);
  });

  it('a step whose config, name or kind changed is changed, naming the fields', () => {
    const target = graph(
      base.steps.map((s) =>
        s.id === 'c' ? { ...s, config: { expression: 'event.data.amount > 500' } }
        : s.id === 'y' ? { ...s, name: 'Wait a bit' }
        : s.id === 'n' ? { ...s, kind: 'http_request', config: { method: 'GET' } }
        : s,
      ),
      base.edges,
    );
    const d = diffGraphs(base, target);
    expect(d.steps.map((s) => [s.id, s.status, s.fields])).toEqual([
      ['c', 'changed', ['config.expression']],
      ['y', 'changed', ['name']],
      ['n', 'changed', ['kind', 'config.duration', 'config.method']],
    ]);
    expect(d.steps[0]!.before!.config).toEqual({ expression: 'event.data.amount > 100' });
    expect(d.counts.changed).toBe(3);
  });

  it('a step that only moved is moved, not changed; one that moved and changed is changed with position', () => {
    const target = graph(base.steps.map((s) => (s.id === 'y' ? at(s, 640, -120) : s.id === 'n' ? at({ ...s, config: { duration: '2h' } }, 640, 120) : s)), base.edges);
    const d = diffGraphs(base, target);
    expect(d.steps.map((s) => [s.id, s.status, s.fields])).toEqual([
      ['y', 'moved', ['position']],
      ['n', 'changed', ['config.duration', 'position']],
    ]);
    expect(d.counts).toEqual({ added: 0, removed: 0, changed: 1, moved: 1 });
  });

  it('an edge whose label changed is changed; a reconnected edge is removed + added; edge ids do not matter', () => {
    const target = graph(base.steps, [
      { ...edge('t', 'c'), id: 'a-brand-new-id' },
      edge('c', 'y', 'no'),
      edge('c', 'n', 'yes'),
    ]);
    const d = diffGraphs(base, target);
    expect(statuses(d).edges).toEqual({ 'c->y': 'changed', 'c->n': 'changed' });
    expect(d.edges[0]).toMatchObject({ before: { label: 'yes' }, edge: { label: 'no' } });

    // c→n reconnected to leave y instead: same edge id, another pair.
    const rewired = graph(base.steps, [edge('t', 'c'), edge('c', 'y', 'yes'), { ...edge('y', 'n'), id: 'e-c-n' }]);
    expect(statuses(diffGraphs(base, rewired)).edges).toEqual({ 'y->n': 'added', 'c->n': 'removed' });
  });

  it('marks the trigger changed when the trigger configs differ, and only then', () => {
    const same = diffGraphs(base, base, { baseTrigger: { type: 'manual' }, targetTrigger: { type: 'manual' } });
    expect(isEmptyDiff(same)).toBe(true);
    const d = diffGraphs(base, base, { baseTrigger: { type: 'manual' }, targetTrigger: { type: 'schedule', cron: '0 7 * * 1', timezone: 'UTC' } });
    expect(d.steps.map((s) => [s.id, s.status, s.fields])).toEqual([['t', 'changed', ['trigger']]]);
  });
});

describe('mergeForDiff', () => {
  it('draws the target plus what was removed, with statuses by element id and no id collisions', () => {
    // The target reuses the removed edge's id for a different pair.
    const target = graph([...base.steps.filter((s) => s.id !== 'n'), at(step('x', 'delay', 'action', { duration: '1m' }), 900, 0)], [edge('t', 'c'), edge('c', 'y', 'yes'), edge('y', 'x', null, 'e-c-n')]);
    const d = diffGraphs(base, target);
    const m = mergeForDiff(target, d);
    expect(m.graph.steps.map((s) => s.id)).toEqual(['t', 'c', 'y', 'x', 'n']);
    expect(m.graph.edges.map((e) => e.id)).toEqual(['e-t-c', 'e-c-y', 'e-c-n', `${REMOVED_EDGE_PREFIX}e-c-n`]);
    expect(new Set(m.graph.edges.map((e) => e.id)).size).toBe(m.graph.edges.length);
    expect([...m.stepStatus].map(([id, s]) => [id, s.status])).toEqual([['x', 'added'], ['n', 'removed']]);
    expect([...m.edgeStatus].map(([id, s]) => [id, s.status])).toEqual([['e-c-n', 'added'], [`${REMOVED_EDGE_PREFIX}e-c-n`, 'removed']]);
    // Every edge of the merged graph joins steps that are in it.
    const ids = new Set(m.graph.steps.map((s) => s.id));
    expect(m.graph.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
  });
});

describe('sameJson', () => {
  it('ignores key order and absent-vs-undefined, not array order', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});
