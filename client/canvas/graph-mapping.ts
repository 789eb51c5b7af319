/**
 * Graph ↔ React Flow. Steps become `step` nodes and edges `branch` edges; the node's data is the step itself and
 * nothing else (no callbacks, no run state). Mappers cache per element so that moving one step hands React Flow
 * new objects for that step only, and every other node skips its re-render.
 */
import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import { isBranching } from '../../shared/graph/connect.ts';
import type { Edge, EdgeLabel, Step } from '../../shared/graph/schema.ts';
import { stepDefinition } from '../../shared/steps/registry.ts';

export type StepNodeData = { step: Step };
export type StepFlowNode = FlowNode<StepNodeData, 'step'>;
/** `text` is what the edge says: yes/no, or approved/rejected when it leaves an approval. */
export type BranchEdgeData = { label: EdgeLabel | null; text: string | null };
export type BranchFlowEdge = FlowEdge<BranchEdgeData, 'branch'>;

export interface Size {
  width: number;
  height: number;
}

/** What a branch is called on the canvas: an approval's exits are "approved" and "rejected". */
export function branchText(label: EdgeLabel | null, source: Step | undefined): string | null {
  if (!label) return null;
  if (source?.type === 'human_gate') return label === 'yes' ? 'approved' : 'rejected';
  return label;
}

/** The source handle an edge leaves from: the branch handle on a condition/approval, the single handle elsewhere. */
export function sourceHandleOf(edge: Edge, source: Step | undefined): string | null {
  return source && isBranching(source) && edge.label ? edge.label : null;
}

export function createNodeMapper() {
  let cache = new Map<string, { step: Step; selected: boolean; size: Size | undefined; node: StepFlowNode }>();
  // The array itself is reused when no element changed, so React Flow skips its per-update pass over all of them.
  let last: StepFlowNode[] = [];
  return (steps: readonly Step[], selected: ReadonlySet<string>, sizes: ReadonlyMap<string, Size>): StepFlowNode[] => {
    const next = new Map<string, { step: Step; selected: boolean; size: Size | undefined; node: StepFlowNode }>();
    const nodes = steps.map((step) => {
      const isSelected = selected.has(step.id);
      const size = sizes.get(step.id);
      const hit = cache.get(step.id);
      if (hit && hit.step === step && hit.selected === isSelected && hit.size === size) {
        next.set(step.id, hit);
        return hit.node;
      }
      const node: StepFlowNode = {
        id: step.id,
        type: 'step',
        position: step.position,
        data: { step },
        selected: isSelected,
        ariaLabel: `${stepDefinition(step.kind)?.title ?? step.kind}: ${step.name}`,
        ...(size ? { measured: size } : {}),
      };
      next.set(step.id, { step, selected: isSelected, size, node });
      return node;
    });
    cache = next;
    return (last = sameItems(last, nodes) ? last : nodes);
  };
}

/** True when both arrays hold the same objects in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const ARROW = { type: 'arrowclosed', width: 16, height: 16, color: '#a1a1aa' } as const;

export function createEdgeMapper() {
  type Entry = { edge: Edge; selected: boolean; handle: string | null; names: string; text: string | null; flow: BranchFlowEdge };
  let cache = new Map<string, Entry>();
  let last: BranchFlowEdge[] = [];
  return (edges: readonly Edge[], steps: readonly Step[], selected: ReadonlySet<string>): BranchFlowEdge[] => {
    const byId = new Map(steps.map((s) => [s.id, s]));
    const next = new Map<string, Entry>();
    const flows = edges.map((edge) => {
      const isSelected = selected.has(edge.id);
      const handle = sourceHandleOf(edge, byId.get(edge.source));
      // The accessible name mentions both steps, so a rename must refresh it.
      const names = `${byId.get(edge.source)?.name ?? edge.source} to ${byId.get(edge.target)?.name ?? edge.target}`;
      const text = branchText(edge.label, byId.get(edge.source));
      const hit = cache.get(edge.id);
      if (hit && hit.edge === edge && hit.selected === isSelected && hit.handle === handle && hit.names === names && hit.text === text) {
        next.set(edge.id, hit);
        return hit.flow;
      }
      const flow: BranchFlowEdge = {
        id: edge.id,
        type: 'branch',
        source: edge.source,
        target: edge.target,
        sourceHandle: handle,
        data: { label: edge.label, text },
        markerEnd: ARROW,
        selected: isSelected,
        ariaLabel: text ? `${names} (${text})` : names,
      };
      next.set(edge.id, { edge, selected: isSelected, handle, names, text, flow });
      return flow;
    });
    cache = next;
    // Moving a step re-runs this (names come from the steps) but changes no edge: hand back the same array.
    return (last = sameItems(last, flows) ? last : flows);
  };
}
