/**
 * Copy, paste and duplicate: a fragment is some steps plus the edges between them. Pasting gives every step and
 * edge a fresh id (so a pasted graph is still well-formed) and keeps the internal edges. The trigger is never
 * copied: a workflow has exactly one.
 */
import { z } from 'zod';
import { TEXT_LIMITS } from '../text/limits.ts';
import { EdgeSchema, StepSchema, type Edge, type Graph, type Step } from './schema.ts';

export const FragmentSchema = z.object({ steps: z.array(StepSchema), edges: z.array(EdgeSchema) });
export type Fragment = z.infer<typeof FragmentSchema>;

/** The steps in `stepIds` (but not a trigger) and the edges whose both ends are among them. */
export function extractFragment(graph: Graph, stepIds: Iterable<string>): Fragment {
  const wanted = new Set(stepIds);
  const steps = graph.steps.filter((s) => wanted.has(s.id) && s.type !== 'trigger');
  const kept = new Set(steps.map((s) => s.id));
  return { steps, edges: graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target)) };
}

export type IdFactory = (prefix: string) => string;

/**
 * Returns ids that collide with nothing in `taken` nor with each other: `<prefix>_<6 base-36 chars>`. A step's id is
 * how CEL reads its output (`steps.transform_31libs.score`), so new ids are CEL identifiers: letters, digits and
 * `_`, starting with a letter. Older ids with `-` stay valid and are read as `steps["transform-31libs"]`.
 * `random` is injectable so tests are deterministic.
 */
export function idFactory(taken: Iterable<string>, random: () => number = Math.random): IdFactory {
  const used = new Set(taken);
  return (prefix) => {
    const letters = prefix.replace(/[^A-Za-z0-9_]/g, '').slice(0, 40);
    const clean = /^[A-Za-z]/.test(letters) ? letters : `id${letters}`;
    for (;;) {
      const id = `${clean}_${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

/** Every id a graph uses: step and edge ids share one namespace (validateDag calls a clash a duplicate). */
export function graphIds(graph: Graph): string[] {
  return [...graph.steps.map((s) => s.id), ...graph.edges.map((e) => e.id)];
}

/**
 * `name`, or `name 2`, `name 3`… whichever no step in `taken` already has. When the number would push a long name
 * past the limit, the name is shortened where it shows (`Very long…  2`), never by dropping the number silently.
 */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const base = name.replace(/ \d+$/, '');
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const room = TEXT_LIMITS.stepName - suffix.length;
    const candidate = base.length > room ? `${base.slice(0, room - 1).trimEnd()}…${suffix}` : `${base}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Adds `fragment` to `graph` shifted by `offset`, with fresh ids and names; returns the ids it created. */
export function pasteFragment(graph: Graph, fragment: Fragment, offset: { x: number; y: number }, newId: IdFactory): { graph: Graph; stepIds: string[]; edgeIds: string[] } {
  const names = new Set(graph.steps.map((s) => s.name));
  const idMap = new Map<string, string>();
  const steps: Step[] = fragment.steps
    .filter((s) => s.type !== 'trigger')
    .map((s) => {
      const id = newId(s.kind);
      idMap.set(s.id, id);
      const name = uniqueName(s.name, names);
      names.add(name);
      return { ...s, id, name, config: structuredClone(s.config), position: { x: s.position.x + offset.x, y: s.position.y + offset.y } };
    });
  const edges: Edge[] = fragment.edges
    .filter((e) => idMap.has(e.source) && idMap.has(e.target))
    .map((e) => ({ ...e, id: newId('edge'), source: idMap.get(e.source)!, target: idMap.get(e.target)! }));
  return {
    graph: { steps: [...graph.steps, ...steps], edges: [...graph.edges, ...edges] },
    stepIds: steps.map((s) => s.id),
    edgeIds: edges.map((e) => e.id),
  };
}
