/**
 * An edge of the run: solid and coloured once the run went along it, faint and dashed when it was not taken,
 * plain grey while undecided; dashed in its target's colour while the target works. No animation: a page
 * watching a run must not repaint every frame (many watchers, low-power machines).
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { STATUS_LOOK, stepDisplayStatus } from '../../shared/runs/status.ts';
import type { RunFlowEdge } from './run-flow.ts';
import { edgeState } from './run-state.ts';
import { useRunLive } from './run-store.ts';

function RunEdgeView(props: EdgeProps<RunFlowEdge>) {
  const { id, data, markerEnd } = props;
  const label = data?.label ?? null;
  const state = useRunLive((s) => edgeState({ label }, data ? s.steps[data.source] : undefined, data ? s.branches[data.source] : undefined));
  const target = useRunLive((s) => {
    const t = data ? s.steps[data.target] : undefined;
    return t ? stepDisplayStatus(t.status, t.reason) : 'pending';
  });
  const [path, labelX, labelY] = getBezierPath(props);
  const working = state === 'taken' && STATUS_LOOK[target].active;
  const colour = working ? STATUS_LOOK[target].colour.solid : state === 'taken' ? (label === 'no' ? '#e11d48' : '#059669') : state === 'not-taken' ? '#d4d4d8' : '#a1a1aa';
  const style = {
    stroke: colour,
    strokeWidth: state === 'taken' ? 2.25 : 1.5,
    strokeDasharray: state === 'not-taken' ? '5 5' : working ? '7 4' : undefined,
    opacity: state === 'not-taken' ? 0.7 : 1,
  };
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
