/**
 * Showing the graph: all of it inside the canvas's free area when that stays readable, otherwise the part around
 * the trigger at the smallest readable zoom (first-view.ts). Used on opening and after a whole-graph tidy; "F" and
 * the fit button still fit everything, however small. The draft's canvas remembers its viewport per workflow in
 * this browser and opens where it was left.
 */
import { useNodesInitialized, useReactFlow, useStoreApi, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { firstView, parseViewport } from './first-view.ts';
import type { StepFlowNode } from './graph-mapping.ts';

export function useShowGraph(): (opts?: { duration?: number }) => void {
  const flow = useReactFlow<StepFlowNode>();
  const rf = useStoreApi<StepFlowNode>();
  return useCallback(
    ({ duration = 0 } = {}) => {
      const { width, height } = rf.getState();
      const nodes = flow.getNodes();
      if (!nodes.length || !width || !height) return;
      // Each step as tall as it will be with a run's status strip under it: the latest run is drawn after this view.
      const boxes = nodes.map((n) => {
        const b = flow.getNodesBounds([n]);
        return { ...b, height: b.height + RUN_STRIP_HEIGHT };
      });
      const t = nodes.findIndex((n) => n.data.step.type === 'trigger');
      const { viewport } = firstView(boxes, t >= 0 ? boxes[t]! : null, { width, height });
      void flow.setViewport(viewport, { duration });
    },
    [flow, rf],
  );
}

/** The status strip a run adds under a step (run-view/run-look.tsx), in flow pixels. */
const RUN_STRIP_HEIGHT = 30;

const storageKey = (workflowId: string) => `ember:viewport:${workflowId}`;

export function rememberViewport(workflowId: string, viewport: Viewport): void {
  try {
    window.localStorage.setItem(storageKey(workflowId), JSON.stringify({ x: viewport.x, y: viewport.y, zoom: viewport.zoom }));
  } catch {
    // Storage full or unavailable: the next open fits the graph instead.
  }
}

function remembered(workflowId: string): Viewport | null {
  try {
    return parseViewport(window.localStorage.getItem(storageKey(workflowId)));
  } catch {
    return null;
  }
}

/** Shows the graph once, as soon as every node has been measured: where it was left (`workflowId`), or fitted. */
export function useInitialView(workflowId: string | null = null) {
  const show = useShowGraph();
  const { setViewport } = useReactFlow();
  const ready = useNodesInitialized();
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    const saved = workflowId ? remembered(workflowId) : null;
    if (saved) void setViewport(saved);
    else show();
  }, [ready, show, setViewport, workflowId]);
}
