/**
 * An edge: a bezier curve with its yes/no label drawn on it, red with a badge when it has an issue, and a delete
 * button while selected.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { FOCUS_RING } from '../ui/button.tsx';
import { deleteEdge } from './commands.ts';
import type { BranchFlowEdge } from './graph-mapping.ts';
import { useEditor, useEditorStore } from './store.ts';

const LABEL_STYLE = {
  yes: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  no: 'bg-rose-50 text-rose-700 ring-rose-200',
} as const;

function BranchEdgeView(props: EdgeProps<BranchFlowEdge>) {
  const { id, data, selected, markerEnd } = props;
  const store = useEditorStore();
  const issues = useEditor((s) => s.issues.byEdge.get(id));
  const [path, labelX, labelY] = getBezierPath(props);
  const stroke = issues ? '#ef4444' : selected ? '#ea580c' : undefined;
  const label = data?.label ?? null;
  const text = data?.text ?? label;
  const showOverlay = label || issues || selected;

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={24} style={stroke ? { stroke, strokeWidth: 2 } : undefined} data-testid={`edge-${id}`} data-label={label ?? ''} />
      {showOverlay && (
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan absolute flex items-center gap-1"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: 'all' }}
            data-testid={`edge-${id}-label`}
          >
            {label && <span className={`rounded-full px-1.5 py-px text-[10px] font-semibold tracking-wide uppercase ring-1 ${LABEL_STYLE[label]}`}>{text}</span>}
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
            {selected && (
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
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const BranchEdge = memo(BranchEdgeView);
