/**
 * An edge: a bezier curve with its yes/no label drawn on it, red with a badge when it has an issue, and a delete
 * button while selected. In a comparison it is green when added, dashed red when removed, amber when its label
 * changed.
 */
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { FOCUS_RING } from '../ui/button.tsx';
import { deleteEdge } from './commands.ts';
import { EdgeLabel } from './edge-label-layer.ts';
import type { BranchFlowEdge } from './graph-mapping.ts';
import { EdgeOverlayContext } from './node-overlay.ts';
import { useEditor, useEditorStore } from './store.ts';
import { edgeCountDescription, edgeCountText, useWhatIfEdge } from './what-if-overlay.ts';

const DIFF_STROKE = {
  added: { stroke: '#10b981', strokeWidth: 2.5 },
  removed: { stroke: '#ef4444', strokeWidth: 2, strokeDasharray: '6 4', opacity: 0.7 },
  changed: { stroke: '#f59e0b', strokeWidth: 2.5 },
} as const;

const LABEL_STYLE = {
  yes: { fill: 'bg-emerald-50 text-emerald-700', ring: 'ring-1 ring-emerald-200' },
  no: { fill: 'bg-rose-50 text-rose-700', ring: 'ring-1 ring-rose-200' },
} as const;

function BranchEdgeView(props: EdgeProps<BranchFlowEdge>) {
  const { id, data, selected, markerEnd, source, target } = props;
  const store = useEditorStore();
  const issues = useEditor((s) => s.issues.byEdge.get(id));
  const editable = useEditor((s) => s.access.edit);
  const change = useEditor((s) => s.diff?.edges.get(id));
  const label = data?.label ?? null;
  // A run shown on the canvas: the run view's edge look, unless an issue, the selection or a comparison says more.
  const useRunEdge = useContext(EdgeOverlayContext);
  const run = useRunEdge(source, target, label);
  const [path, labelX, labelY] = getBezierPath(props);
  const stroke = issues ? '#ef4444' : selected ? '#ea580c' : undefined;
  const style = change ? DIFF_STROKE[change.status] : stroke ? { stroke, strokeWidth: 2 } : run?.style;
  const was = change?.status === 'changed' ? (change.before?.label ?? 'no label') : null;
  const text = data?.text ?? label;
  const deletable = selected && editable;
  const whatIf = useWhatIfEdge(id);
  const showOverlay = label || issues || deletable || was || whatIf;

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={24} style={style} data-testid={`edge-${id}`} data-label={label ?? ''} data-diff={change?.status} data-run-state={run?.state} />
      {showOverlay && (
        <EdgeLabel>
          <div
            className="nodrag nopan absolute flex items-center gap-1"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: 'all' }}
            data-testid={`edge-${id}-label`}
          >
            {label && (
              <span className={`rounded-full px-1.5 py-px text-[10px] font-semibold tracking-wide uppercase ${LABEL_STYLE[label].fill} ${was ? 'ring-2 ring-amber-500' : LABEL_STYLE[label].ring}`} title={was ? `Was: ${was}` : undefined}>
                {text}
                {was && <span className="ml-1 font-normal text-amber-700 normal-case">(was {was})</span>}
              </span>
            )}
            {whatIf && (
              <span
                data-testid={`edge-${id}-what-if`}
                data-taken={whatIf.count.taken}
                data-uncertain={whatIf.count.uncertain}
                title={edgeCountDescription(whatIf.count, whatIf.total)}
                className={`rounded-full px-1.5 py-px font-mono text-[10px] font-semibold shadow-sm ring-1 ${whatIf.count.taken || whatIf.count.uncertain ? 'bg-sky-50 text-sky-800 ring-sky-300' : 'bg-white text-zinc-500 ring-zinc-200'}`}
              >
                <span aria-hidden="true">{edgeCountText(whatIf.count, whatIf.total)}</span>
                <span className="sr-only">{edgeCountDescription(whatIf.count, whatIf.total)}</span>
              </span>
            )}
            {!label && was && <span className="rounded-full bg-amber-50 px-1.5 py-px text-[10px] text-amber-800 ring-2 ring-amber-500">was {was}</span>}
            {issues && (
              <span
                data-testid="edge-issue-badge"
                title={issues.map((i) => i.message).join('\n')}
                aria-label={issues.map((i) => i.message).join('; ')}
                className="flex size-4 items-center justify-center rounded-full bg-red-600 text-[10px] font-bold text-white ring-2 ring-white"
              >
                !
              </span>
            )}
            {deletable && (
              <button
                type="button"
                aria-label="Delete connection"
                title="Delete connection (Del)"
                onClick={() => deleteEdge(store, id)}
                className={`flex size-5 items-center justify-center rounded-full bg-white text-zinc-500 shadow ring-1 ring-zinc-300 hover:bg-red-50 hover:text-red-600 ${FOCUS_RING}`}
              >
                <svg aria-hidden="true" viewBox="0 0 12 12" className="size-2.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                  <path d="M3 3l6 6M9 3l-6 6" />
                </svg>
              </button>
            )}
          </div>
        </EdgeLabel>
      )}
    </>
  );
}

export const BranchEdge = memo(BranchEdgeView);
