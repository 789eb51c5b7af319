/**
 * What changed between two graphs (two versions, or a version and the draft), step by step and edge by edge.
 * Pure; the canvas draws it, the version list summarises it.
 *
 * Glossary
 * - base: the older side ("from"); target: the newer side ("to").
 * - step identity: the step id. A step is `added` / `removed` when only one side has its id, `changed` when its
 *   name, kind, type or config differ (or, for the trigger, the workflow's trigger config), `moved` when only its
 *   position differs. A changed step that also moved is `changed`, with `position` among its fields.
 * - edge identity: source → target. There is at most one edge per pair (validateDag refuses duplicates), so an
 *   edge whose label changed (yes ⇄ no, or a label added/dropped) is `changed`; an edge reconnected to another
 *   step is the old pair `removed` and the new pair `added`. Edge ids do not matter.
 */
import type { Edge, Graph, Step } from './schema.ts';

export type StepStatus = 'added' | 'removed' | 'changed' | 'moved';
export type EdgeStatus = 'added' | 'removed' | 'changed';

export interface StepDiff {
  id: string;
  status: StepStatus;
  /** What differs: `name`, `kind`, `type`, `config.<key>` per config key, `trigger`, `position`. Empty for added/removed. */
  fields: string[];
  /** The step as it is in the target (the base's for a removed step). */
  step: Step;
  /** The step as it was in the base; absent for an added step. */
  before?: Step;
}

export interface EdgeDiff {
  /** `source->target` */
  key: string;
  status: EdgeStatus;
  /** The edge as it is in the target (the base's for a removed edge). */
  edge: Edge;
  before?: Edge;
}

export interface GraphDiff {
  /** Only the steps that differ, in target order then removed ones in base order. */
  steps: StepDiff[];
  edges: EdgeDiff[];
  counts: { added: number; removed: number; changed: number; moved: number };
}

export interface DiffOptions {
  /** The workflows' trigger configs: when they differ, the trigger step is `changed` with field `trigger`. */
  baseTrigger?: unknown;
  targetTrigger?: unknown;
}

export function edgeKey(e: Pick<Edge, 'source' | 'target'>): string {
  return `${e.source}->${e.target}`;
}

export function diffGraphs(base: Graph, target: Graph, opts: DiffOptions = {}): GraphDiff {
  const baseSteps = new Map(base.steps.map((s) => [s.id, s]));
  const targetIds = new Set(target.steps.map((s) => s.id));
  const triggerChanged = 'baseTrigger' in opts || 'targetTrigger' in opts ? !sameJson(opts.baseTrigger, opts.targetTrigger) : false;
  const steps: StepDiff[] = [];

  for (const step of target.steps) {
    const before = baseSteps.get(step.id);
    if (!before) {
      steps.push({ id: step.id, status: 'added', fields: [], step });
      continue;
    }
    const fields = stepFields(before, step);
    if (triggerChanged && step.type === 'trigger') fields.push('trigger');
    const moved = before.position.x !== step.position.x || before.position.y !== step.position.y;
    if (fields.length) steps.push({ id: step.id, status: 'changed', fields: moved ? [...fields, 'position'] : fields, step, before });
    else if (moved) steps.push({ id: step.id, status: 'moved', fields: ['position'], step, before });
  }
  for (const step of base.steps) if (!targetIds.has(step.id)) steps.push({ id: step.id, status: 'removed', fields: [], step, before: step });

  const baseEdges = new Map(base.edges.map((e) => [edgeKey(e), e]));
  const targetKeys = new Set(target.edges.map(edgeKey));
  const edges: EdgeDiff[] = [];
  for (const edge of target.edges) {
    const key = edgeKey(edge);
    const before = baseEdges.get(key);
    if (!before) edges.push({ key, status: 'added', edge });
    else if (before.label !== edge.label) edges.push({ key, status: 'changed', edge, before });
  }
  for (const edge of base.edges) {
    const key = edgeKey(edge);
    if (!targetKeys.has(key)) edges.push({ key, status: 'removed', edge, before: edge });
  }

  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const d of [...steps, ...edges]) counts[d.status]++;
  return { steps, edges, counts };
}

export function isEmptyDiff(diff: GraphDiff): boolean {
  return diff.steps.length === 0 && diff.edges.length === 0;
}

/** The fields of a step that differ, ignoring its position. */
function stepFields(a: Step, b: Step): string[] {
  const fields: string[] = [];
  if (a.name !== b.name) fields.push('name');
  if (a.kind !== b.kind) fields.push('kind');
  if (a.type !== b.type) fields.push('type');
  const keys = [...new Set([...Object.keys(a.config), ...Object.keys(b.config)])].sort();
  for (const k of keys) if (!sameJson(a.config[k], b.config[k])) fields.push(`config.${k}`);
  return fields;
}

/**
 * JSON equality that ignores object key order (Postgres jsonb reorders keys) and treats an absent key like
 * `undefined`. Arrays compare in order.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!sameJson(ao[k], bo[k])) return false;
  return true;
}

/** Prefix of the ids given to removed edges in a merged graph, so they never collide with the target's ids. */
export const REMOVED_EDGE_PREFIX = 'removed-';

export interface MergedDiff {
  /** The target's steps and edges plus the removed ones (removed steps at their old positions). */
  graph: Graph;
  /** Status by step id; unchanged steps are absent. */
  stepStatus: ReadonlyMap<string, StepDiff>;
  /** Status by edge id in `graph`; unchanged edges are absent. */
  edgeStatus: ReadonlyMap<string, EdgeDiff>;
}

/** One graph to draw a diff on: everything of the target, plus what the base had and the target lost. */
export function mergeForDiff(target: Graph, diff: GraphDiff): MergedDiff {
  const stepStatus = new Map(diff.steps.map((d) => [d.id, d]));
  const removedSteps = diff.steps.filter((d) => d.status === 'removed').map((d) => d.step);
  const edgeStatus = new Map<string, EdgeDiff>();
  const byKey = new Map(diff.edges.map((d) => [d.key, d]));
  for (const e of target.edges) {
    const d = byKey.get(edgeKey(e));
    if (d) edgeStatus.set(e.id, d);
  }
  const taken = new Set(target.edges.map((e) => e.id));
  const removedEdges: Edge[] = [];
  for (const d of diff.edges) {
    if (d.status !== 'removed') continue;
    let id = `${REMOVED_EDGE_PREFIX}${d.edge.id}`;
    for (let n = 2; taken.has(id); n++) id = `${REMOVED_EDGE_PREFIX}${d.edge.id}-${n}`;
    taken.add(id);
    removedEdges.push({ ...d.edge, id });
    edgeStatus.set(id, d);
  }
  return { graph: { steps: [...target.steps, ...removedSteps], edges: [...target.edges, ...removedEdges] }, stepStatus, edgeStatus };
}
