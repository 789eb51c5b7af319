/**
 * A step of the run on the canvas: its kind's icon and name like in the editor, drawn in its status colour, with
 * what it is doing in words (waiting for approval, retrying, sleeping, why it was skipped, what a condition
 * evaluated). The look (outline, strip) is run-look.tsx's, shared with the editor's overlay of a run.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { isBranching } from '../../shared/graph/connect.ts';
import { STATUS_LOOK } from '../../shared/runs/status.ts';
import { NodeHeader } from '../ui/node-header.tsx';
import type { RunFlowNode } from './run-flow.ts';
import { RunHalo, RunStatusStrip, useStepRunLook } from './run-look.tsx';
import { RunStoreContext, useRunLive } from './run-store.ts';

const HIDDEN_HANDLE = 'pointer-events-none size-1.5! min-h-0! min-w-0! border-0! bg-transparent!';

function RunNodeView({ id, data, selected }: NodeProps<RunFlowNode>) {
  const { step } = data;
  const store = useContext(RunStoreContext);
  if (!store) throw new Error('RunNode outside a run view');
  const look = useStepRunLook(store, id, step.type === 'human_gate');
  const evaluated = useRunLive((s) => s.evaluated[id]);
  const { status, branch } = look;
  const colour = STATUS_LOOK[status].colour;
  const skipped = status === 'skipped';

  return (
    <div
      data-testid={`node-${id}`}
      data-kind={step.kind}
      data-status={status}
      data-step-status={look.live?.status ?? 'pending'}
      data-branch={branch ?? ''}
      className={`group relative w-60 rounded-xl bg-white transition-[box-shadow,opacity] duration-200 ${skipped ? 'opacity-60' : ''} ${selected ? 'shadow-lg' : 'shadow-sm'}`}
      style={{
        ...look.outline,
        boxShadow: selected ? `0 0 0 5px ${colour.bg}, 0 0 0 6.5px ${colour.ring}, 0 10px 20px -8px rgb(0 0 0 / 0.18)` : undefined,
      }}
    >
      <RunHalo status={status} />
      <Handle type="target" position={Position.Left} isConnectable={false} className={HIDDEN_HANDLE} />
      <NodeHeader step={step} muted={skipped} />
      {evaluated && (
        <p className="flex items-center gap-1.5 border-t border-zinc-100 px-3 py-1.5 text-xs text-zinc-600" data-testid={`node-${id}-value`} title={`${evaluated.expression} → ${JSON.stringify(evaluated.value)}`}>
          <code className="min-w-0 flex-1 truncate font-mono text-[11px] text-zinc-500">{evaluated.expression}</code>
          <span className="shrink-0 font-mono font-semibold text-zinc-800">→ {JSON.stringify(evaluated.value)}</span>
        </p>
      )}
      <RunStatusStrip stepId={id} look={look} />
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

export const RunNode = memo(RunNodeView);
