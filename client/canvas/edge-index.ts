/** Which yes/no exits of each step already have an edge, computed once per edge list (not once per node). */
import type { Edge } from '../../shared/graph/schema.ts';

const cache = new WeakMap<readonly Edge[], ReadonlyMap<string, string>>();

/** stepId → the labels in use, sorted and joined ("no", "yes", "no,yes"); a string so selectors compare cheaply. */
export function branchesInUse(edges: readonly Edge[]): ReadonlyMap<string, string> {
  let map = cache.get(edges);
  if (!map) {
    const sets = new Map<string, Set<string>>();
    for (const e of edges) if (e.label) (sets.get(e.source) ?? sets.set(e.source, new Set()).get(e.source)!).add(e.label);
    map = new Map([...sets].map(([id, labels]) => [id, [...labels].sort().join(',')]));
    cache.set(edges, map);
  }
  return map;
}
