/**
 * A step of the run on the canvas: its kind's icon and name like in the editor, drawn in its status colour, with
 * what it is doing in words (waiting for approval, retrying, sleeping, why it was skipped, what a condition
 * evaluated). Reads the run store by its id with narrow selectors, so one step's change re-renders one node.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { isBranching } from '../../shared/graph/connect.ts';
import { STATUS_LOOK, stepDisplayStatus, type DisplayStatus } from '../../shared/runs/status.ts';
import { formatDuration } from '../runs/format.ts';
import { StatusGlyph } from '../runs/status-badge.tsx';
import { NodeHeader } from '../ui/node-header.tsx';
import type { RunFlowNode } from './run-flow.ts';
import { useRunLive } from './run-store.ts';

const HIDDEN_HANDLE = 'pointer-events-none size-1.5! min-h-0! min-w-0! border-0! bg-transparent!';

function RunNodeView({ id, data, selected }: NodeProps<RunFlowNode>) {
  const { step } = data;
  const live = useRunLive((s) => s.steps[id]);
  const branch = useRunLive((s) => s.branches[id]);
  const evaluated = useRunLive((s) => s.evaluated[id]);
  const duration = useRunLive((s) => s.durations[id]);
  const status: DisplayStatus = live ? stepDisplayStatus(live.status, live.reason) : 'pending';
  const look = STATUS_LOOK[status];
  const detail = describe(status, live?.reason ?? null, live?.attempts ?? 0, duration, step.type === 'human_gate', branch);
  const skipped = status === 'skipped';
  const dashed = status === 'retrying' || skipped || status === 'pending';

  return (
    <div
      data-testid={`node-${id}`}
      data-kind={step.kind}
      data-status={status}
      data-step-status={live?.status ?? 'pending'}
      data-branch={branch ?? ''}
      className={`group relative w-60 rounded-xl bg-white transition-[box-shadow,opacity] duration-200 ${skipped ? 'opacity-60' : ''} ${selected ? 'shadow-lg' : 'shadow-sm'}`}
      style={{
        outline: `${status === 'pending' || skipped ? 1.5 : 2}px ${dashed ? 'dashed' : 'solid'} ${status === 'pending' ? '#d4d4d8' : look.colour.solid}`,
        outlineOffset: 0,
        boxShadow: selected ? `0 0 0 5px ${look.colour.bg}, 0 0 0 6.5px ${look.colour.ring}, 0 10px 20px -8px rgb(0 0 0 / 0.18)` : undefined,
      }}
    >
      {/* A still halo, not a pulse: a page watching a run must not repaint every frame. */}
      {look.active && <span aria-hidden="true" className="pointer-events-none absolute -inset-1 rounded-[14px] opacity-50" style={{ boxShadow: `0 0 0 3px ${look.colour.ring}` }} />}
      <Handle type="target" position={Position.Left} isConnectable={false} className={HIDDEN_HANDLE} />
      <NodeHeader step={step} muted={skipped} />
      {evaluated && (
        <p className="flex items-center gap-1.5 border-t border-zinc-100 px-3 py-1.5 text-xs text-zinc-600" data-testid={`node-${id}-value`} title={`${evaluated.expression} → ${JSON.stringify(evaluated.value)}`}>
          <code className="min-w-0 flex-1 truncate font-mono text-[11px] text-zinc-500">{evaluated.expression}</code>
          <span className="shrink-0 font-mono font-semibold text-zinc-800">→ {JSON.stringify(evaluated.value)}</span>
        </p>
      )}
      <div
        className="flex items-center gap-1.5 rounded-b-xl border-t px-3 py-1.5 text-xs font-medium"
        style={{ backgroundColor: look.colour.bg, color: look.colour.text, borderColor: status === 'pending' ? '#f4f4f5' : look.colour.ring }}
        data-testid={`node-${id}-status`}
      >
        <StatusGlyph status={status} />
        <span className="shrink-0">{label(status, step.type === 'human_gate')}</span>
        {detail && (
          <span className="min-w-0 truncate font-normal opacity-80" title={live?.reason ?? detail} data-testid={`node-${id}-reason`}>
            · {detail}
          </span>
        )}
      </div>
      {isBranching(step) ? (
        <>
          <BranchExit id="yes" top="34%" taken={branch === 'yes'} decided={branch !== undefined} />
          <BranchExit id="no" top="72%" taken={branch === 'no'} decided={branch !== undefined} />
        </>
      ) : (
        <Handle type="source" position={Position.Right} isConnectable={false} className={HIDDEN_HANDLE} />
      )}
    </div>
  );
}

function BranchExit({ id, top, taken, decided }: { id: 'yes' | 'no'; top: string; taken: boolean; decided: boolean }) {
  const colour = !decided ? '#a1a1aa' : taken ? (id === 'yes' ? '#059669' : '#e11d48') : '#e4e4e7';
  return <Handle id={id} type="source" position={Position.Right} isConnectable={false} style={{ top, background: colour }} className="pointer-events-none size-2.5! border-2! border-white!" />;
}

function label(status: DisplayStatus, gate: boolean): string {
  if (gate && status === 'completed') return 'Decided';
  if (status === 'waiting') return 'Awaiting decision';
  return STATUS_LOOK[status].label;
}

/** The few words after the status: why skipped, which attempt, how long, which branch. */
function describe(status: DisplayStatus, reason: string | null, attempts: number, duration: number | undefined, gate: boolean, branch: 'yes' | 'no' | undefined): string | null {
  switch (status) {
    case 'skipped':
      // The node has room for the gist ("branch not taken"); the whole reason is in its tooltip and the inspector.
      return reason ? (reason.split(':')[0] ?? reason) : null;
    case 'retrying':
      return reason ? reason.replace(/^retrying after /, '') : `attempt ${attempts}`;
    case 'sleeping':
      return reason ? reason.replace(/^sleeping /, '') : null;
    case 'running':
      return attempts > 1 ? `attempt ${attempts}` : null;
    case 'waiting':
      return null;
    case 'completed': {
      const took = branch ? (gate ? (branch === 'yes' ? 'approved' : 'rejected') : `took ${branch}`) : null;
      if (reason?.startsWith('reused')) return took ? `${took} · reused` : 'reused';
      const d = duration !== undefined ? formatDuration(duration) : null;
      return [took, d].filter(Boolean).join(' · ') || null;
    }
    case 'failed':
      return attempts > 1 ? `after ${attempts} attempts` : null;
    default:
      return null;
  }
}

export const RunNode = memo(RunNodeView);
