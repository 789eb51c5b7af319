/**
 * The React Flow canvas, controlled by the editor store: nodes and edges are mapped from the graph, and every
 * change React Flow reports goes back through the store (and so onto the undo stack and into autosave).
 * Drag on empty canvas draws a selection box; the middle or right button, Space+drag or the wheel pans.
 *
 * Panning stays cheap however big the graph: the dot grid is drawn inside the viewport (it moves with it instead
 * of being repainted each frame, as React Flow's <Background> is), and while the view moves the viewport is its
 * own compositor layer (`is-moving`), so a pan frame shifts pixels instead of repainting every node. The layer is
 * dropped when the view stops, so text is redrawn sharp at the new zoom.
 */
import {
  Controls, MiniMap, Panel, ReactFlow, SelectionMode, useReactFlow,
  type Connection, type EdgeChange, type FinalConnectionState, type NodeChange, type Viewport,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { createPortal } from 'react-dom';
import { checkConnection } from '../../shared/graph/connect.ts';
import type { Step } from '../../shared/graph/schema.ts';
import { isStepKind } from '../../shared/steps/registry.ts';
import { kindStyle } from '../ui/kind-style.ts';
import { connectSteps, deleteEdge, insertStep, reconnectEdge } from './commands.ts';
import { ConnectHint } from './connect-hint.tsx';
import { EdgeLabelLayerContext } from './edge-label-layer.ts';
import { GRID } from './edits.ts';
import { applyEdgeChanges, applyNodeChanges } from './flow-changes.ts';
import { edgeTypes, nodeTypes } from './flow-types.ts';
import { createEdgeMapper, createNodeMapper, type BranchFlowEdge, type StepFlowNode } from './graph-mapping.ts';
import { PALETTE_MIME } from './palette.tsx';
import { showHint, useEditor, useEditorStore, useEditorWith } from './store.ts';
import { Toolbar } from './toolbar.tsx';
import { rememberViewport, useInitialView } from './use-show-graph.ts';
import './canvas.css';

/**
 * Above this many steps only what is on screen is mounted (React Flow's onlyRenderVisibleElements): every mounted
 * node and edge runs its store selectors on each frame of a pan or drag, so a 500-step graph would pay for all of
 * them. Below it, every element stays mounted (and reachable with Tab).
 */
export const CULL_ABOVE_STEPS = 150;

// Props that are arrays or objects live out here: a fresh one each render would count as a change to React Flow.
const minimapColor = (n: StepFlowNode) => kindStyle(n.data.step.kind).minimap;
const SNAP_GRID: [number, number] = [GRID, GRID];
const PAN_BUTTONS = [1, 2];
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];
const MINIMAP_STYLE = { width: 168, height: 112 };

function sameNamesAndTypes(a: readonly Step[], b: readonly Step[]): boolean {
  return a === b || (a.length === b.length && a.every((s, i) => s === b[i] || (s.id === b[i]!.id && s.name === b[i]!.name && s.type === b[i]!.type)));
}

/** `rememberViewport`: the draft's canvas opens where it was left (per workflow, in this browser); a version's does not. */
export function Canvas({ onHelp, rememberViewport: remember = false }: { onHelp: () => void; rememberViewport?: boolean }) {
  const store = useEditorStore();
  const { screenToFlowPosition } = useReactFlow();
  const graph = useEditor((s) => s.graph);
  const selection = useEditor((s) => s.selection);
  const sizes = useEditor((s) => s.sizes);
  const snap = useEditor((s) => s.snapToGrid);
  const editable = useEditor((s) => s.access.edit);
  const [mapNodes] = useState(createNodeMapper);
  const [mapEdges] = useState(createEdgeMapper);
  const nodes = useMemo(() => mapNodes(graph.steps, selection.steps, sizes), [mapNodes, graph.steps, selection.steps, sizes]);
  // Edges read the steps' names and types only: a drag (positions) must not re-map every edge each frame.
  const edgeSteps = useEditorWith((s) => s.graph.steps, sameNamesAndTypes);
  const edges = useMemo(() => mapEdges(graph.edges, edgeSteps, selection.edges), [mapEdges, graph.edges, edgeSteps, selection.edges]);
  /** The edge whose end is being dragged: the connection checks leave it out. */
  const reconnecting = useRef<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const [labelLayer, setLabelLayer] = useState<HTMLElement | null>(null);
  const [viewportLayer, setViewportLayer] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    setLabelLayer(box.current?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null);
    setViewportLayer(box.current?.querySelector<HTMLElement>('.react-flow__viewport-portal') ?? null);
  }, []);
  const onMoveStart = useCallback(() => box.current?.classList.add('is-moving'), []);
  const workflowId = useEditor((s) => s.meta.id);
  const onMoveEnd = useCallback(
    (event: MouseEvent | TouchEvent | null, viewport: Viewport) => {
      box.current?.classList.remove('is-moving');
      // Only the user's own pans and zooms (an event): a programmatic fit is worked out afresh on the next open.
      if (remember && event) rememberViewport(workflowId, viewport);
    },
    [remember, workflowId],
  );
  useInitialView(remember ? workflowId : null);
  // Every step has been drawn and measured once (culled ones keep their size): the bench and tests wait on this.
  // Worked out when a size or the step count changes, not on every frame of a drag.
  const stepCount = graph.steps.length;
  const rendered = useMemo(() => stepCount > 0 && store.getState().graph.steps.every((st) => sizes.has(st.id)), [store, sizes, stepCount]);

  // Stable handlers: React Flow copies each changed prop into its own store, so fresh closures cost an update each render.
  const onNodesChange = useCallback((changes: NodeChange<StepFlowNode>[]) => applyNodeChanges(store, changes), [store]);
  const onEdgesChange = useCallback((changes: EdgeChange<BranchFlowEdge>[]) => applyEdgeChanges(store, changes), [store]);
  const onConnect = useCallback((c: Connection) => connectSteps(store, c), [store]);
  const onConnectStart = useCallback(() => showHint(store, null), [store]);
  const onReconnectStart = useCallback((_: unknown, edge: BranchFlowEdge) => void (reconnecting.current = edge.id), []);
  const onReconnect = useCallback((old: BranchFlowEdge, c: Connection) => reconnectEdge(store, old.id, c), [store]);

  const isValidConnection = useCallback(
    (c: Connection | BranchFlowEdge) => {
      const attempt = { source: c.source, target: c.target, sourceHandle: c.sourceHandle ?? null };
      const refusal = checkConnection(store.getState().graph, attempt, reconnecting.current ? { ignoreEdgeId: reconnecting.current } : {});
      // Shown while the pointer is over the refused handle, and for a moment after the drop.
      showHint(store, refusal?.message ?? null);
      return !refusal;
    },
    [store],
  );

  const onReconnectEnd = useCallback(
    (_: unknown, edge: BranchFlowEdge, __: unknown, state: FinalConnectionState) => {
      reconnecting.current = null;
      // Dropping an edge's end on empty canvas removes the edge.
      if (!state.isValid && !state.toHandle) deleteEdge(store, edge.id);
    },
    [store],
  );

  function onDragOver(e: DragEvent) {
    if (!editable || !e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }

  function onDrop(e: DragEvent) {
    const kind = e.dataTransfer.getData(PALETTE_MIME);
    if (!editable || !isStepKind(kind)) return;
    e.preventDefault();
    insertStep(store, kind, { at: screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
  }

  return (
    <div ref={box} data-testid="canvas" data-rendered={rendered || undefined} className="relative h-full w-full" onDragOver={onDragOver} onDrop={onDrop}>
      <EdgeLabelLayerContext.Provider value={labelLayer}>
        <ReactFlow<StepFlowNode, BranchFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectStart={onConnectStart}
          isValidConnection={isValidConnection}
          onReconnectStart={onReconnectStart}
          onReconnect={onReconnect}
          onReconnectEnd={onReconnectEnd}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          onlyRenderVisibleElements={graph.steps.length > CULL_ABOVE_STEPS}
          nodesDraggable={editable}
          nodesConnectable={editable}
          edgesReconnectable={editable}
          snapToGrid={snap}
          snapGrid={SNAP_GRID}
          selectionOnDrag
          selectionMode={SelectionMode.Partial}
          panOnDrag={PAN_BUTTONS}
          panOnScroll
          deleteKeyCode={null}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          zoomOnDoubleClick={false}
          connectionRadius={28}
          minZoom={0.2}
          maxZoom={2}
          attributionPosition="bottom-center"
          aria-label="Workflow canvas"
        >
          {viewportLayer && createPortal(<div aria-hidden="true" className="canvas-dots" />, viewportLayer)}
          <Panel position="top-left">
            <Toolbar onHelp={onHelp} />
          </Panel>
          {/* Below the toolbar's row, so a narrow canvas never puts one over the other. */}
          <Panel position="top-center" className="mt-16">
            <ConnectHint />
          </Panel>
          <Controls showInteractive={false} position="bottom-left" />
          <MiniMap<StepFlowNode> pannable zoomable position="bottom-right" style={MINIMAP_STYLE} maskColor="rgb(244 244 245 / 0.7)" nodeColor={minimapColor} nodeBorderRadius={6} ariaLabel="Overview of the whole graph" />
          {graph.steps.length <= 1 && editable && <EmptyHint />}
        </ReactFlow>
      </EdgeLabelLayerContext.Provider>
    </div>
  );
}

function EmptyHint() {
  return (
    <Panel position="bottom-center" className="pointer-events-none mb-16">
      <p className="rounded-lg bg-white/90 px-4 py-2.5 text-center text-zinc-600 shadow-sm ring-1 ring-zinc-200">
        Drag a step from the left onto the canvas, or select the trigger and click a step to add it after.
      </p>
    </Panel>
  );
}
