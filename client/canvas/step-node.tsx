/**
 * A step on the canvas: its kind's icon, its name, its kind, and the one-line summary of its config. Conditions
 * and approvals have two exits, yes and no. Issues show as a red badge; in a comparison, a tag says whether the
 * step was added, removed, changed or moved. The node reads those (and the trigger's config) from the store by id,
 * so its data stays the bare step.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { ShieldAlert } from 'lucide-react';
import { memo, useContext } from 'react';
import type { DagIssue } from '../../shared/graph/validate.ts';
import { isBranching } from '../../shared/graph/connect.ts';
import type { StepDiff, StepStatus } from '../../shared/graph/diff.ts';
import { stepDefinition } from '../../shared/steps/registry.ts';
import { describeTrigger } from '../../shared/workflows/trigger-config.ts';
import { NodeHeader } from '../ui/node-header.tsx';
import { useUnavailable } from './capabilities.tsx';
import { branchesInUse } from './edge-index.ts';
import type { StepFlowNode } from './graph-mapping.ts';
import { describeFields } from './describe-fields.ts';
import { useHeatCell } from './heat-context.ts';
import { NodeOverlayContext } from './node-overlay.ts';
import { useEditor } from './store.ts';

const HANDLE = 'size-3 border-2 border-white bg-zinc-400 transition-colors hover:bg-orange-500';

/** How a comparison marks a step: its ring, and the tag above it. */
export const STEP_DIFF_STYLE = {
  added: { ring: 'ring-2 ring-emerald-500', tag: 'bg-emerald-600 text-white', label: 'Added' },
  removed: { ring: 'ring-2 ring-red-400 opacity-60 outline-2 outline-offset-2 outline-dashed outline-red-300', tag: 'bg-red-600 text-white', label: 'Removed' },
  changed: { ring: 'ring-2 ring-amber-500', tag: 'bg-amber-500 text-white', label: 'Changed' },
  moved: { ring: 'ring-2 ring-sky-400', tag: 'bg-sky-500 text-white', label: 'Moved' },
} as const satisfies Record<StepStatus, { ring: string; tag: string; label: string }>;

function StepNodeView({ id, data, selected, isConnectable }: NodeProps<StepFlowNode>) {
  const { step } = data;
  const def = stepDefinition(step.kind);
  const issues = useEditor((s) => s.issues.byStep.get(id));
  const triggerText = useEditor((s) => (step.type === 'trigger' ? describeTrigger(s.meta.triggerConfig) : null));
  const change = useEditor((s) => s.diff?.steps.get(id));
  const summary = triggerText ?? (def ? safeSummary(() => def.summary(step.config)) : `Unknown kind "${step.kind}"`);
  const unavailable = useUnavailable(def);
  const heat = useHeatCell(id);
  const Overlay = useContext(NodeOverlayContext);
  const ring = issues
    ? 'ring-red-400'
    : change
      ? STEP_DIFF_STYLE[change.status].ring
      : selected
        ? 'ring-orange-500'
        : 'ring-zinc-200 group-hover:ring-zinc-300';

  return (
    <div
      data-testid={`node-${id}`}
      data-kind={step.kind}
      data-diff={change?.status}
      data-heat={heat ? (heat.t === null ? 'none' : heat.t.toFixed(3)) : undefined}
      title={heat ? `${step.name}: ${heat.detail}` : undefined}
      className={`group relative w-60 rounded-xl bg-white shadow-sm transition-shadow ring-1 ${selected ? 'ring-2 shadow-md' : ''} ${ring}`}
      style={heat ? { boxShadow: `0 0 0 4px ${heat.colour}`, backgroundColor: heat.t === null ? undefined : `color-mix(in srgb, ${heat.colour} 14%, white)` } : undefined}
    >
      {step.type === 'trigger' ? (
        // Nothing may lead into the trigger; this hidden handle only lets such a stray edge draw (as an issue).
        <Handle type="target" position={Position.Left} isConnectable={false} className="pointer-events-none opacity-0" />
      ) : (
        <Handle type="target" position={Position.Left} isConnectable={isConnectable} className={HANDLE} data-testid={`handle-${id}-in`} role="img" aria-label={`Into ${step.name}`} />
      )}
      <NodeHeader step={step} />
      <p className="truncate border-t border-zinc-100 px-3 py-1.5 text-xs text-zinc-600" title={summary} data-testid={`node-${id}-summary`}>
        {summary}
      </p>
      {/* A run shown on the canvas (the latest, or Run now's) draws its status here, as in the run view. */}
      {Overlay && <Overlay stepId={id} gate={step.type === 'human_gate'} />}
      {issues && <IssueBadge count={issues.length} text={issues.map((i) => i.message).join('\n')} />}
      {issues && <PolicyTag id={id} issues={issues} />}
      {unavailable && (
        <span
          role="note"
          title={unavailable}
          aria-label={unavailable}
          data-testid={`node-${id}-unavailable`}
          className="absolute -top-2.5 left-3 rounded-full bg-amber-100 px-2 py-0.5 text-[10px] font-medium text-amber-900 ring-1 ring-amber-300"
        >
          Claude not configured
        </span>
      )}
      {change && <DiffTag change={change} />}
      {heat && (
        <span
          data-testid={`node-${id}-heat`}
          className="absolute -bottom-3 left-1/2 -translate-x-1/2 rounded-full px-2 py-0.5 text-[10px] font-semibold whitespace-nowrap text-white shadow-sm"
          style={{ backgroundColor: heat.t === null ? '#71717a' : heat.colour }}
        >
          {heat.label}
        </span>
      )}
      {/* A handle connects by default whatever the canvas says: pass the canvas's word on (false for a viewer). */}
      {isBranching(step) ? (
        <BranchHandles id={id} gate={step.type === 'human_gate'} connectable={isConnectable} />
      ) : (
        <Handle type="source" position={Position.Right} isConnectable={isConnectable} className={HANDLE} data-testid={`handle-${id}-out`} role="img" aria-label={`Out of ${step.name}`} />
      )}
    </div>
  );
}

/**
 * yes on top, no below. An exit names itself only while nothing leaves it (the edge's label says it otherwise).
 * A hidden plain handle lets a stray unlabelled edge (an issue) still draw.
 */
function BranchHandles({ id, gate, connectable }: { id: string; gate: boolean; connectable: boolean }) {
  const used = useEditor((s) => branchesInUse(s.graph.edges).get(id) ?? '');
  return (
    <>
      <BranchHandle id={id} branch="yes" top="34%" label={gate ? 'approved' : 'yes'} named={!used.includes('yes')} connectable={connectable} />
      <BranchHandle id={id} branch="no" top="72%" label={gate ? 'rejected' : 'no'} named={!used.includes('no')} connectable={connectable} />
      <Handle type="source" position={Position.Right} isConnectable={false} className="pointer-events-none opacity-0" />
    </>
  );
}

function BranchHandle({ id, branch, top, label, named, connectable }: { id: string; branch: 'yes' | 'no'; top: string; label: string; named: boolean; connectable: boolean }) {
  const colour = branch === 'yes' ? 'bg-emerald-500 hover:bg-emerald-600' : 'bg-rose-400 hover:bg-rose-500';
  return (
    <Handle id={branch} type="source" position={Position.Right} isConnectable={connectable} style={{ top }} className={`${HANDLE} ${colour}`} data-testid={`handle-${id}-${branch}`} role="img" aria-label={`${label} branch`}>
      {named && (
        <span className={`pointer-events-none absolute top-1/2 left-3.5 -translate-y-1/2 text-[10px] font-semibold tracking-wide uppercase ${branch === 'yes' ? 'text-emerald-700' : 'text-rose-600'}`}>
          {label}
        </span>
      )}
    </Handle>
  );
}

/** "Changed", with what changed in its tooltip (and for screen readers). */
function DiffTag({ change }: { change: StepDiff }) {
  const style = STEP_DIFF_STYLE[change.status];
  const what = change.status === 'changed' ? describeFields(change.step.kind, change.fields) : '';
  return (
    <span
      data-testid="diff-tag"
      title={what ? `${style.label}: ${what}` : style.label}
      className={`absolute -top-2.5 left-3 rounded-full px-1.5 py-px text-[10px] font-semibold tracking-wide uppercase shadow-sm ring-2 ring-white ${style.tag}`}
    >
      {style.label}
      {what && <span className="sr-only">: {what}</span>}
    </span>
  );
}

/** A step that breaks a company approval policy says which, on the canvas (the badge's tooltip has the whole rule). */
function PolicyTag({ id, issues }: { id: string; issues: readonly DagIssue[] }) {
  const policies = useEditor((s) => s.policies);
  const broken = issues.filter((i) => i.code === 'POLICY');
  if (!broken.length) return null;
  const names = broken.map((i) => policies.find((p) => p.id === i.policyId)?.name ?? i.policyId ?? 'a policy');
  const text = `Breaks ${names.map((n) => `“${n}”`).join(', ')}`;
  return (
    <span
      role="note"
      title={broken.map((i) => i.message).join('\n')}
      data-testid={`node-${id}-policy`}
      data-policy={broken.map((i) => i.policyId).join(' ')}
      className="absolute top-full left-3 mt-1 max-w-56 truncate rounded-full bg-red-50 px-2 py-0.5 text-[10px] font-semibold text-red-800 ring-1 ring-red-300"
    >
      <ShieldAlert aria-hidden="true" className="mr-1 inline size-3 align-[-2px]" />
      {text}
    </span>
  );
}

function IssueBadge({ count, text }: { count: number; text: string }) {
  return (
    <span
      data-testid="issue-badge"
      title={text}
      aria-label={`${count} issue${count === 1 ? '' : 's'}: ${text}`}
      className="absolute -top-2 -right-2 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-semibold text-white shadow ring-2 ring-white"
    >
      {count}
    </span>
  );
}

/** A summary must never take the canvas down, whatever half-typed config it is given. */
function safeSummary(fn: () => string): string {
  try {
    return fn();
  } catch {
    return '';
  }
}

export const StepNode = memo(StepNodeView);
