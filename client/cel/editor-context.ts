/**
 * What an expression editor knows about where it sits: which steps it may read (for the lint), the variables a run
 * would give it (for the preview) and the fields below them (for completion). Built from the draft graph, the
 * trigger, and the workflow's last run when there is one, else the trigger's sample payload. Pure.
 */
import { mergeNodes, treeFromSchema, treeFromValue, type FieldNode, type FieldTree } from '../../shared/cel/field-tree.ts';
import type { ReferenceScope } from '../../shared/cel/references.ts';
import { eventDef } from '../../shared/events/index.ts';
import type { Edge } from '../../shared/graph/schema.ts';
import { upstreamOf } from '../../shared/graph/upstream.ts';
import { stepDefinition } from '../../shared/steps/registry.ts';
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';
import { samplePayload } from '../runs/sample-payload.ts';

/** The parts of a step the context needs (not its position: dragging must not rebuild it). */
export interface ContextStep {
  id: string;
  name: string;
  kind: string;
  config: Record<string, unknown>;
}

export interface LastRun {
  id: string;
  eventName: string | null;
  payload: Record<string, unknown>;
  /** Each finished step's output, by step id. */
  outputs: Record<string, unknown>;
}

export interface CelEditorContext {
  scope: ReferenceScope;
  /** `event`, `steps`, `data`, `run` as a run would see them here. */
  vars: Record<string, unknown>;
  /** Where the preview's values come from, said next to it. */
  source: 'last run' | 'sample payload';
  /** The variables and the fields below them. */
  tree: FieldTree;
}

/** The catalog event a trigger type listens to: its schema describes `event.data`. */
export function triggerEventName(config: TriggerConfig): string | null {
  switch (config.type) {
    case 'event':
      return config.event;
    case 'field_changed':
      return 'product/field.changed';
    case 'enrichment_completed':
      return 'enrichment/pipeline.completed';
    default:
      return null;
  }
}

export function buildCelContext(input: { stepId: string; steps: readonly ContextStep[]; edges: readonly Pick<Edge, 'source' | 'target'>[]; trigger: TriggerConfig; workflowId: string; lastRun: LastRun | null }): CelEditorContext {
  const { stepId, steps, edges, trigger, lastRun } = input;
  const upstream = upstreamOf(stepId, edges);
  const scope: ReferenceScope = { steps: new Map(steps.map((s) => [s.id, s.name])), upstream };
  const eventName = lastRun?.eventName ?? triggerEventName(trigger) ?? 'workflow/manual';
  const payload = lastRun?.payload ?? samplePayload(trigger);
  const schema = eventDef(triggerEventName(trigger) ?? '')?.schema;
  const eventData = mergeNodes(schema ? treeFromSchema(schema) : undefined, treeFromValue(payload));

  const stepVars: Record<string, unknown> = {};
  const stepTree: FieldTree = {};
  let data: Record<string, unknown> = {};
  // Nearest first: the step just before is the one an expression most often reads (and completion lists them so).
  const distance = distancesUp(stepId, edges);
  const ordered = steps.filter((s) => upstream.has(s.id)).sort((a, b) => distance.get(a.id)! - distance.get(b.id)! || a.id.localeCompare(b.id));
  // `data` is merged farthest first, so a nearer transform's fields win as they would in a run.
  for (const s of [...ordered].reverse()) {
    const output = lastRun?.outputs[s.id];
    if (s.kind === 'transform' && output && typeof output === 'object') data = { ...data, ...(output as Record<string, unknown>) };
  }
  for (const s of ordered) {
    const def = stepDefinition(s.kind);
    const output = s.kind === 'trigger' ? payload : lastRun?.outputs[s.id];
    if (output !== undefined) stepVars[s.id] = output;
    const declared = s.kind === 'trigger' ? eventData : def?.output ? treeFromSchema(def.output(s.config)) : undefined;
    stepTree[s.id] = mergeNodes(declared, output !== undefined ? treeFromValue(output) : undefined);
  }
  const run = { id: lastRun?.id ?? '00000000-0000-4000-8000-000000000000', workflowId: input.workflowId };
  const vars = { event: { name: eventName, data: payload }, steps: stepVars, data, run };
  const tree: FieldTree = {
    event: { type: 'map', children: { name: { type: 'string' }, data: eventData } },
    steps: { type: 'map', children: stepTree },
    data: treeFromValue(data),
    run: { type: 'map', children: { id: { type: 'string' }, workflowId: { type: 'string' } } },
  };
  return { scope, vars, source: lastRun ? 'last run' : 'sample payload', tree };
}

/** How many edges up each ancestor is (shortest path), by a breadth-first walk against the edges. */
function distancesUp(stepId: string, edges: readonly Pick<Edge, 'source' | 'target'>[]): Map<string, number> {
  const into = new Map<string, string[]>();
  for (const e of edges) into.set(e.target, [...(into.get(e.target) ?? []), e.source]);
  const dist = new Map<string, number>([[stepId, 0]]);
  const queue = [stepId];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const from of into.get(id) ?? []) {
      if (dist.has(from)) continue;
      dist.set(from, dist.get(id)! + 1);
      queue.push(from);
    }
  }
  return dist;
}

export type { FieldNode };
