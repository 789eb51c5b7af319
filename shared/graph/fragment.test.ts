import { describe, expect, it } from 'vitest';
import { cond, delay, edge, graph, trig } from './fixtures.ts';
import { celSyntaxError } from '../cel/check.ts';
import { isCelIdentifier } from '../cel/references.ts';
import { extractFragment, FragmentSchema, graphIds, idFactory, pasteFragment, uniqueName } from './fragment.ts';
import { structuralIssues, validateDag } from './validate.ts';

const g = graph([trig(), cond('c'), delay('a'), delay('b')], [edge('t', 'c'), edge('c', 'a', 'yes'), edge('c', 'b', 'no'), edge('a', 'b')]);

function seq(): () => number {
  let n = 0;
  return () => (n++ * 7919) / 36 ** 6;
}

describe('extractFragment', () => {
  it('keeps the chosen steps and only the edges between them', () => {
    const f = extractFragment(g, ['c', 'a']);
    expect(f.steps.map((s) => s.id)).toEqual(['c', 'a']);
    expect(f.edges.map((e) => e.id)).toEqual(['e-c-a']);
    expect(FragmentSchema.parse(f)).toEqual(f);
  });

  it('never copies the trigger', () => {
    const f = extractFragment(g, ['t', 'c']);
    expect(f.steps.map((s) => s.id)).toEqual(['c']);
    expect(f.edges).toEqual([]);
  });
});

describe('pasteFragment', () => {
  it('adds copies with fresh ids and names, shifted, keeping internal edges and labels', () => {
    const f = extractFragment(g, ['c', 'a', 'b']);
    const r = pasteFragment(g, f, { x: 40, y: 40 }, idFactory(graphIds(g), seq()));
    expect(r.stepIds).toHaveLength(3);
    expect(r.edgeIds).toHaveLength(3);
    expect(r.graph.steps).toHaveLength(7);
    for (const id of [...r.stepIds, ...r.edgeIds]) expect(graphIds(g)).not.toContain(id);
    const copyOfC = r.graph.steps.find((s) => s.id === r.stepIds[0])!;
    expect(copyOfC.name).toBe('c 2');
    expect(copyOfC.position).toEqual({ x: 40, y: 40 });
    const labels = r.graph.edges.filter((e) => r.edgeIds.includes(e.id)).map((e) => e.label).sort();
    expect(labels).toEqual(['no', null, 'yes'].sort());
    // Still well-formed: no duplicate ids, no dangling edges.
    expect(structuralIssues(validateDag(r.graph))).toEqual([]);
  });

  it('does not share config objects with the original', () => {
    const r = pasteFragment(g, extractFragment(g, ['a']), { x: 0, y: 0 }, idFactory(graphIds(g), seq()));
    const copy = r.graph.steps.at(-1)!;
    expect(copy.config).toEqual(g.steps[2]!.config);
    expect(copy.config).not.toBe(g.steps[2]!.config);
  });

  it('can paste the same fragment twice', () => {
    const f = extractFragment(g, ['a']);
    const ids = idFactory(graphIds(g), seq());
    const once = pasteFragment(g, f, { x: 40, y: 40 }, ids);
    const twice = pasteFragment(once.graph, f, { x: 80, y: 80 }, ids);
    expect(twice.graph.steps.map((s) => s.name)).toEqual(['t', 'c', 'a', 'b', 'a 2', 'a 3']);
    expect(structuralIssues(validateDag(twice.graph))).toEqual([]);
  });
});

describe('idFactory', () => {
  it('skips taken ids and never repeats', () => {
    // The first draw would be delay_000000, which is taken.
    const make = idFactory(['delay_000000'], seq());
    const a = make('delay');
    const b = make('delay');
    expect(a).not.toBe('delay_000000');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^delay_[0-9a-z]{6}$/);
  });

  it('cleans the prefix into a valid id', () => {
    expect(idFactory([], seq())('a b/c')).toMatch(/^abc_/);
    expect(idFactory([], seq())('http-request')).toMatch(/^httprequest_/);
    expect(idFactory([], seq())('9x')).toMatch(/^id9x_/);
  });

  it('makes ids CEL reads with a dot: steps.<id>.field parses', () => {
    const make = idFactory([], Math.random);
    for (const kind of ['transform', 'http_request', 'condition']) {
      const id = make(kind);
      expect(isCelIdentifier(id)).toBe(true);
      expect(celSyntaxError(`steps.${id}.score > 10`)).toBeNull();
    }
  });
});

describe('uniqueName', () => {
  it('numbers duplicates', () => {
    expect(uniqueName('Delay', new Set())).toBe('Delay');
    expect(uniqueName('Delay', new Set(['Delay']))).toBe('Delay 2');
    expect(uniqueName('Delay 2', new Set(['Delay', 'Delay 2']))).toBe('Delay 3');
  });
});
