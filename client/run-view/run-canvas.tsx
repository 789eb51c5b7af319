/**
 * The run overlay: the static graph of the run's pinned version (read-only) with the live status map drawn on it.
 * Clicking a step opens it in the inspector; clicking the background goes back to the run overview.
 */
import { Background, BackgroundVariant, Controls, Panel, ReactFlow, type NodeMouseHandler } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { Graph } from '../../shared/graph/schema.ts';
import { DISPLAY_STATUSES, STATUS_LOOK, stepDisplayStatus, type DisplayStatus } from '../../shared/runs/status.ts';
import { StatusDot } from '../runs/status-badge.tsx';
import { toFlowEdges, toFlowNodes, type RunFlowEdge, type RunFlowNode } from './run-flow.ts';
import { RunEdge } from './run-edge.tsx';
import { RunNode } from './run-node.tsx';
import { useRunLive } from './run-store.ts';
import '../canvas/canvas.css';
import './run-view.css';

const nodeTypes = { runStep: RunNode };
const edgeTypes = { runEdge: RunEdge };

export const RunCanvas = memo(RunCanvasView);

function RunCanvasView({ graph, selected, onSelect }: { graph: Graph; selected: string | null; onSelect: (stepId: string | null) => void }) {
  const base = useMemo(() => toFlowNodes(graph), [graph]);
  const nodes = useMemo(() => base.map((n) => (n.id === selected ? { ...n, selected: true } : n)), [base, selected]);
  const edges = useMemo(() => toFlowEdges(graph), [graph]);
  const onNodeClick: NodeMouseHandler<RunFlowNode> = (_, node) => onSelect(node.id);

  return (
    <div data-testid="run-canvas" className="relative h-full w-full">
      <ReactFlow<RunFlowNode, RunFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        // Keyboard selection (Tab to a step, Enter) arrives as a select change: open that step too.
        onNodesChange={(changes) => {
          const picked = changes.find((c) => c.type === 'select' && c.selected);
          if (picked && 'id' in picked) onSelect(picked.id);
        }}
        onPaneClick={() => onSelect(null)}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        zoomOnDoubleClick={false}
        panOnScroll
        fitView
        fitViewOptions={{ padding: 0.18, maxZoom: 1.1 }}
        minZoom={0.2}
        maxZoom={2}
        attributionPosition="bottom-center"
        aria-label="Run of the workflow"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <Panel position="top-left">
          <Progress graph={graph} />
        </Panel>
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
    </div>
  );
}

/** How many steps are in each status: the run's progress at a glance (and the colour legend). */
function Progress({ graph }: { graph: Graph }) {
  const counts = useRunLive((s) => {
    const c: Partial<Record<DisplayStatus, number>> = {};
    for (const step of graph.steps) {
      const live = s.steps[step.id];
      const st = live ? stepDisplayStatus(live.status, live.reason) : 'pending';
      c[st] = (c[st] ?? 0) + 1;
    }
    return DISPLAY_STATUSES.map((st) => `${st}:${c[st] ?? 0}`).join(',');
  });
  const entries = counts
    .split(',')
    .map((e) => e.split(':') as [DisplayStatus, string])
    .filter(([, n]) => n !== '0');
  return (
    <ul aria-label="Steps by status" data-testid="run-progress" className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg bg-white/95 px-3 py-1.5 text-xs text-zinc-600 shadow-sm ring-1 ring-zinc-900/5 backdrop-blur">
      {entries.map(([st, n]) => (
        <li key={st} className="flex items-center gap-1.5">
          <StatusDot status={st} />
          <span className="font-semibold text-zinc-800 tabular-nums">{n}</span> {STATUS_LOOK[st].label.toLowerCase()}
        </li>
      ))}
    </ul>
  );
}
