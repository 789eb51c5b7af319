/**
 * The run's pinned version as React Flow nodes and edges: static (built once per version), read-only. Node data
 * is the bare step; what the run is doing is read by each node from the run store, never written into the graph.
 */
import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import { isBranching } from '../../shared/graph/connect.ts';
import type { EdgeLabel, Graph, Step } from '../../shared/graph/schema.ts';
import { stepDefinition } from '../../shared/steps/registry.ts';

export type RunNodeData = { step: Step };
export type RunFlowNode = FlowNode<RunNodeData, 'runStep'>;
export type RunEdgeData = { label: EdgeLabel | null; text: string | null; source: string; target: string };
export type RunFlowEdge = FlowEdge<RunEdgeData, 'runEdge'>;

const ARROW = { type: 'arrowclosed', width: 16, height: 16, color: '#a1a1aa' } as const;

export function toFlowNodes(graph: Graph): RunFlowNode[] {
  return graph.steps.map((step) => ({
    id: step.id,
    type: 'runStep',
    position: step.position,
    data: { step },
    draggable: false,
    connectable: false,
    ariaLabel: `${stepDefinition(step.kind)?.title ?? step.kind}: ${step.name}`,
  }));
}

export function toFlowEdges(graph: Graph): RunFlowEdge[] {
  const byId = new Map(graph.steps.map((s) => [s.id, s]));
  return graph.edges.map((e) => {
    const source = byId.get(e.source);
    const text = e.label ? (source?.type === 'human_gate' ? (e.label === 'yes' ? 'approved' : 'rejected') : e.label) : null;
    return {
      id: e.id,
      type: 'runEdge',
      source: e.source,
      target: e.target,
      sourceHandle: source && isBranching(source) && e.label ? e.label : null,
      data: { label: e.label, text, source: e.source, target: e.target },
      markerEnd: ARROW,
      selectable: false,
      focusable: false,
    };
  });
}
