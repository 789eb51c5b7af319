/** Which steps run before which: a step's upstream is every step with a path to it (its ancestors in the DAG). */
import type { Edge } from './schema.ts';

type Link = Pick<Edge, 'source' | 'target'>;

/** Indexes the edges once; the returned function gives the ancestors of a step (never the step itself, even on a cycle). */
export function upstreamFinder(edges: readonly Link[]): (stepId: string) => Set<string> {
  const into = new Map<string, string[]>();
  for (const e of edges) {
    const list = into.get(e.target);
    if (list) list.push(e.source);
    else into.set(e.target, [e.source]);
  }
  return (stepId) => {
    const seen = new Set<string>();
    const stack = [...(into.get(stepId) ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const from of into.get(id) ?? []) stack.push(from);
    }
    seen.delete(stepId);
    return seen;
  };
}

export function upstreamOf(stepId: string, edges: readonly Link[]): Set<string> {
  return upstreamFinder(edges)(stepId);
}
