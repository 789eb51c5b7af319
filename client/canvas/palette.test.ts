import { describe, expect, it } from 'vitest';
import { cond, edge, graph, trig } from '../../shared/graph/fixtures.ts';
import { STEP_KINDS } from '../../shared/steps/registry.ts';
import { branchesInUse } from './edge-index.ts';
import { searchKinds } from './palette.tsx';

describe('searchKinds', () => {
  it('lists every kind for an empty search and filters by title, kind, category or description', () => {
    expect(searchKinds('  ')).toEqual([...STEP_KINDS]);
    expect(searchKinds('approv')).toEqual(['human_gate']);
    expect(searchKinds('http')).toEqual(['http_request']);
    expect(searchKinds('create task')).toEqual(['create_task']);
    expect(searchKinds('LOGIC')).toEqual(['condition', 'delay']);
    expect(searchKinds('zzz')).toEqual([]);
  });
});

describe('branchesInUse', () => {
  it('names the exits that already have an edge, once per edge list', () => {
    const g = graph([trig(), cond('c')], [edge('t', 'c'), edge('c', 'x', 'no')]);
    const first = branchesInUse(g.edges);
    expect(first.get('c')).toBe('no');
    expect(first.get('t')).toBeUndefined();
    expect(branchesInUse(g.edges)).toBe(first);
    expect(branchesInUse([...g.edges, edge('c', 'y', 'yes')]).get('c')).toBe('no,yes');
  });
});
