import { describe, expect, it } from 'vitest';
import { cond, delay, edge, graph, trig } from './fixtures.ts';
import { layeredLayout, tidyGraph } from './layout.ts';
import type { Graph } from './schema.ts';

const COL = 320; // 240 wide + 80 gap

function overlaps(positions: Map<string, { x: number; y: number }>): boolean {
  const all = [...positions.values()];
  return all.some((a, i) => all.some((b, j) => i < j && Math.abs(a.x - b.x) < 240 && Math.abs(a.y - b.y) < 80));
}

describe('layeredLayout', () => {
  it('puts a chain on one row, one column per step, left to right', () => {
    const g = graph([trig(), delay('a'), delay('b')], [edge('t', 'a'), edge('a', 'b')]);
    const p = layeredLayout(g);
    expect(p.get('t')).toEqual({ x: 0, y: 0 });
    expect(p.get('a')).toEqual({ x: COL, y: 0 });
    expect(p.get('b')).toEqual({ x: 2 * COL, y: 0 });
  });

  it('places a step one column right of its furthest parent (longest path)', () => {
    // t → a → b → j and t → j: j goes after b, not next to a.
    const g = graph([trig(), delay('a'), delay('b'), delay('j')], [edge('t', 'a'), edge('a', 'b'), edge('b', 'j'), edge('t', 'j')]);
    expect(layeredLayout(g).get('j')!.x).toBe(3 * COL);
  });

  it('puts the yes branch above the no branch, whatever the order the steps were added in', () => {
    const g = graph([trig(), cond('c'), delay('no-side'), delay('yes-side')], [edge('t', 'c'), edge('c', 'no-side', 'no'), edge('c', 'yes-side', 'yes')]);
    const p = layeredLayout(g);
    expect(p.get('yes-side')!.y).toBeLessThan(p.get('no-side')!.y);
    expect(p.get('yes-side')!.x).toBe(p.get('no-side')!.x);
    expect(overlaps(p)).toBe(false);
  });

  it('never overlaps steps, and rounds to the grid', () => {
    const steps = [trig(), ...Array.from({ length: 12 }, (_, i) => delay(`s${i}`))];
    const edges = steps.slice(1).map((s, i) => edge(i < 4 ? 't' : `s${i % 4}`, s.id));
    const p = layeredLayout(graph(steps, edges));
    expect(p.size).toBe(13);
    expect(overlaps(p)).toBe(false);
    for (const { x, y } of p.values()) {
      expect(x % 20).toBe(0);
      expect(Math.abs(y % 20)).toBe(0);
    }
  });

  it('survives cycles and self-loops, which a draft may contain', () => {
    const g = graph([trig(), delay('a'), delay('b')], [edge('t', 'a'), edge('a', 'b'), edge('b', 'a'), edge('b', 'b')]);
    const p = layeredLayout(g);
    expect(p.get('a')!.x).toBeLessThan(p.get('b')!.x);
    expect(overlaps(p)).toBe(false);
  });

  it('lays out only the given steps, ignoring edges that leave the set', () => {
    const g = graph([trig(), delay('a'), delay('b'), delay('c')], [edge('t', 'a'), edge('a', 'b'), edge('b', 'c')]);
    const p = layeredLayout(g, new Set(['b', 'c']), { x: 1000, y: 500 });
    expect([...p.keys()].sort()).toEqual(['b', 'c']);
    expect(p.get('b')).toEqual({ x: 1000, y: 500 });
    expect(p.get('c')).toEqual({ x: 1000 + COL, y: 500 });
  });

  it('handles an empty set', () => {
    expect(layeredLayout(graph([], [])).size).toBe(0);
  });
});

describe('tidyGraph', () => {
  const messy: Graph = {
    steps: [
      { ...trig(), position: { x: 500, y: 300 } },
      { ...delay('a'), position: { x: 37, y: 910 } },
      { ...delay('b'), position: { x: 812, y: 77 } },
    ],
    edges: [edge('t', 'a'), edge('a', 'b')],
  };

  it('keeps the whole graph anchored at its top-left corner', () => {
    const tidy = tidyGraph(messy);
    const pos = Object.fromEntries(tidy.steps.map((s) => [s.id, s.position]));
    expect(pos.t).toEqual({ x: 40, y: 80 });
    expect(pos.a).toEqual({ x: 40 + COL, y: 80 });
    expect(pos.b).toEqual({ x: 40 + 2 * COL, y: 80 });
    expect(tidy.edges).toBe(messy.edges);
  });

  it('returns the very same graph when it is already tidy', () => {
    const once = tidyGraph(messy);
    expect(tidyGraph(once)).toBe(once);
  });

  it('moves only the selection', () => {
    const tidy = tidyGraph(messy, new Set(['a', 'b']));
    expect(tidy.steps[0]).toBe(messy.steps[0]);
    expect(tidy.steps.find((s) => s.id === 'b')!.position.y).toBe(tidy.steps.find((s) => s.id === 'a')!.position.y);
  });
});
