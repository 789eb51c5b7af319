import { describe, expect, it } from 'vitest';
import { cond, delay, edge, graph, trig } from '../../shared/graph/fixtures.ts';
import { compare, summarise, viewKey } from './editor-view.ts';

const manual = { type: 'manual' } as const;

describe('compare', () => {
  it('draws the target plus what it lost, with marks by drawn id', () => {
    const base = { graph: graph([trig(), cond('c'), delay('y'), delay('n')], [edge('t', 'c'), edge('c', 'y', 'yes'), edge('c', 'n', 'no')]), triggerConfig: manual };
    const target = { graph: graph([trig(), cond('c', 'event.data.x > 1'), delay('y'), delay('new')], [edge('t', 'c'), edge('c', 'y', 'no'), edge('c', 'new', 'yes')]), triggerConfig: manual };
    const c = compare(base, target);
    expect(c.graph.steps.map((s) => s.id)).toEqual(['t', 'c', 'y', 'new', 'n']);
    expect(Object.fromEntries([...c.marks.steps].map(([id, d]) => [id, d.status]))).toEqual({ c: 'changed', new: 'added', n: 'removed' });
    expect(Object.fromEntries([...c.marks.edges].map(([id, d]) => [id, d.status]))).toEqual({ 'e-c-y': 'changed', 'e-c-new': 'added', 'removed-e-c-n': 'removed' });
    expect(summarise(c.diff)).toBe('2 added · 2 removed · 2 changed');
  });

  it('says so when nothing differs, and a changed trigger config marks the trigger', () => {
    const g = graph([trig()], []);
    expect(summarise(compare({ graph: g, triggerConfig: manual }, { graph: g, triggerConfig: manual }).diff)).toBe('No differences');
    const c = compare({ graph: g, triggerConfig: manual }, { graph: g, triggerConfig: { type: 'event', event: 'a/b' } });
    expect([...c.marks.steps.values()].map((d) => [d.id, d.fields])).toEqual([['t', ['trigger']]]);
  });
});

describe('viewKey', () => {
  it('differs for every view', () => {
    const keys = [viewKey({ kind: 'draft' }), viewKey({ kind: 'version', versionId: 'a' }), viewKey({ kind: 'diff', baseId: 'a', targetId: 'draft' }), viewKey({ kind: 'diff', baseId: 'a', targetId: 'b' })];
    expect(new Set(keys).size).toBe(4);
  });
});
