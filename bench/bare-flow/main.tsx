/**
 * The baseline for bench:canvas: the same generated graph drawn by React Flow with its default nodes and edges and
 * nothing of ours (no store, no validation, no panels), so the editor's cost shows as a ratio. `?n=` is the size;
 * `?vp=x,y,zoom` starts at the editor's own viewport, so both draw about as many nodes; the wheel pans, as in the editor.
 */
import { applyNodeChanges, ReactFlow, ReactFlowProvider, useNodesInitialized, type Edge, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { generateGraph } from '../graph.ts';

const params = new URLSearchParams(location.search);
const graph = generateGraph(Number(params.get('n') ?? 100));
const [vx, vy, vz] = (params.get('vp') ?? '0,0,1').split(',').map(Number);
const EDGES: Edge[] = graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target }));

function Flow() {
  const [nodes, setNodes] = useState<Node[]>(() => graph.steps.map((s) => ({ id: s.id, position: s.position, data: { label: s.name } })));
  const onNodesChange = useCallback((changes: NodeChange[]) => setNodes((ns) => applyNodeChanges(changes, ns)), []);
  const initialized = useNodesInitialized();
  useEffect(() => {
    if (initialized) document.body.dataset.rendered = 'true';
  }, [initialized]);
  return (
    <div style={{ width: '100%', height: '100%' }} data-testid="bare-canvas">
      <ReactFlow nodes={nodes} edges={EDGES} onNodesChange={onNodesChange} defaultViewport={{ x: vx!, y: vy!, zoom: vz! }} minZoom={0.05} panOnScroll />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <ReactFlowProvider>
    <Flow />
  </ReactFlowProvider>,
);
