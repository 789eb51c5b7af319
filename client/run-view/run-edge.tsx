/** An edge of the run, in the run's look (run-look.tsx: taken, not taken, undecided, its target working), with its label. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import type { RunFlowEdge } from './run-flow.ts';
import { useEdgeRunLook } from './run-look.tsx';
import { RunStoreContext } from './run-store.ts';

function RunEdgeView(props: EdgeProps<RunFlowEdge>) {
  const { id, data, markerEnd } = props;
  const label = data?.label ?? null;
  const store = useContext(RunStoreContext);
  if (!store) throw new Error('RunEdge outside a run view');
  const { state, style } = useEdgeRunLook(store, data?.source ?? '', data?.target ?? '', label);
  const [path, labelX, labelY] = getBezierPath(props);
  const marker = typeof markerEnd === 'string' ? markerEnd : undefined;

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={marker} style={style} data-testid={`edge-${id}`} data-state={state} data-label={label ?? ''} />
      {label && (
        <EdgeLabelRenderer>
          <div className="nodrag nopan pointer-events-none absolute" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }} data-testid={`edge-${id}-label`} data-state={state}>
            <span
              className={`rounded-full px-1.5 py-px text-[10px] font-semibold tracking-wide uppercase ring-1 ${state === 'not-taken' ? 'bg-white text-zinc-400 line-through ring-zinc-200' : label === 'yes' ? 'bg-emerald-50 text-emerald-700 ring-emerald-200' : 'bg-rose-50 text-rose-700 ring-rose-200'} ${state === 'taken' ? 'shadow-sm' : ''}`}
            >
              {data?.text ?? label}
            </span>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const RunEdge = memo(RunEdgeView);
