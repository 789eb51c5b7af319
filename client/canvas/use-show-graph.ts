/**
 * Showing the graph: all of it when that stays readable, otherwise its start (the left edge) at the smallest
 * readable zoom, since a DAG reads from the trigger onwards. Used on opening and after a whole-graph tidy;
 * "F" and the fit button still fit everything, however small.
 */
import { getViewportForBounds, useNodesInitialized, useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';

const READABLE_ZOOM = 0.6;
const PADDING = 0.15;

export function useShowGraph(): (opts?: { duration?: number }) => void {
  const flow = useReactFlow();
  const rf = useStoreApi();
  return useCallback(
    ({ duration = 0 } = {}) => {
      const { width, height } = rf.getState();
      const nodes = flow.getNodes();
      if (!nodes.length || !width || !height) return;
      const bounds = flow.getNodesBounds(nodes);
      const fit = getViewportForBounds(bounds, width, height, 0.1, 1, PADDING);
      if (fit.zoom >= READABLE_ZOOM) return void flow.setViewport(fit, { duration });
      const zoom = READABLE_ZOOM;
      void flow.setViewport({ x: 48 - bounds.x * zoom, y: height / 2 - (bounds.y + bounds.height / 2) * zoom, zoom }, { duration });
    },
    [flow, rf],
  );
}

/** Shows the graph once, as soon as every node has been measured. */
export function useInitialView() {
  const show = useShowGraph();
  const ready = useNodesInitialized();
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    show();
  }, [ready, show]);
}
