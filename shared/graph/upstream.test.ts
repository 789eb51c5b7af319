import { describe, expect, it } from 'vitest';
import { edge } from './fixtures.ts';
import { upstreamFinder, upstreamOf } from './upstream.ts';

describe('upstreamOf', () => {
  // t → c; c yes→ a, c no→ b; a → j; b → j; x is off to the side
  const edges = [edge('t', 'c'), edge('c', 'a', 'yes'), edge('c', 'b', 'no'), edge('a', 'j'), edge('b', 'j'), edge('x', 'y')];

  it('is every step with a path to the step, across both branches of a join', () => {
    expect([...upstreamOf('j', edges)].sort()).toEqual(['a', 'b', 'c', 't']);
    expect([...upstreamOf('a', edges)].sort()).toEqual(['c', 't']);
    expect([...upstreamOf('t', edges)]).toEqual([]);
  });

  it('excludes siblings and the step itself, even on a cycle', () => {
    expect(upstreamOf('a', edges).has('b')).toBe(false);
    const find = upstreamFinder([edge('p', 'q'), edge('q', 'p')]);
    expect([...find('p')]).toEqual(['q']);
  });
});
