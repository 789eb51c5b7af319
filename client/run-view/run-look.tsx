/**
 * How one step of a run looks on a canvas: its status, outline and the status strip under it (what it is doing, in
 * words). One home for the run view's nodes and the editor's overlay, so a status colours the same everywhere.
 * Reads the run store by step id with narrow selectors: one step's change re-renders one node.
 */
import { useContext, type CSSProperties } from 'react';
import { createStore, useStore } from 'zustand';
import { STATUS_LOOK, stepDisplayStatus, type DisplayStatus } from '../../shared/runs/status.ts';
import { formatDuration } from '../runs/format.ts';
import { StatusGlyph } from '../runs/status-badge.tsx';
import { edgeState, EMPTY_LIVE, type Branch, type EdgeState, type LiveState, type StepLive } from './run-state.ts';
import { RunStoreContext, type RunStore } from './run-store.ts';

/** Stands in for a run when there is none, so the overlay's hooks run the same either way. */
const NO_RUN: RunStore = createStore<LiveState>(() => EMPTY_LIVE);

export interface StepRunLook {
  status: DisplayStatus;
  /** The word on the strip ("Completed", "Decided", "Awaiting decision"). */
  label: string;
  /** The few words after it, or null. */
  detail: string | null;
  /** The node's outline in the status colour (dashed while pending, retrying or skipped). */
  outline: CSSProperties;
  live: StepLive | undefined;
  branch: Branch | undefined;
}

/** The step's look from a run's store. */
export function useStepRunLook(store: RunStore, stepId: string, gate: boolean): StepRunLook {
  const live = useStore(store, (s) => s.steps[stepId]);
  const branch = useStore(store, (s) => s.branches[stepId]);
  const duration = useStore(store, (s) => s.durations[stepId]);
  const status: DisplayStatus = live ? stepDisplayStatus(live.status, live.reason) : 'pending';
  const look = STATUS_LOOK[status];
  const dashed = status === 'retrying' || status === 'skipped' || status === 'pending';
  return {
    status,
    label: label(status, gate),
    detail: describe(status, live?.reason ?? null, live?.attempts ?? 0, duration, gate, branch),
    outline: { outline: `${status === 'pending' || status === 'skipped' ? 1.5 : 2}px ${dashed ? 'dashed' : 'solid'} ${status === 'pending' ? '#d4d4d8' : look.colour.solid}`, outlineOffset: 0 },
    live,
    branch,
  };
}

/** The strip at the bottom of a node: glyph, status word, detail. */
export function RunStatusStrip({ stepId, look }: { stepId: string; look: StepRunLook }) {
  const colours = STATUS_LOOK[look.status].colour;
  return (
    <div
      className="flex items-center gap-1.5 rounded-b-xl border-t px-3 py-1.5 text-xs font-medium"
      style={{ backgroundColor: colours.bg, color: colours.text, borderColor: look.status === 'pending' ? '#f4f4f5' : colours.ring }}
      data-testid={`node-${stepId}-status`}
    >
      <StatusGlyph status={look.status} />
      <span className="shrink-0">{look.label}</span>
      {look.detail && (
        <span className="min-w-0 truncate font-normal opacity-80" title={look.live?.reason ?? look.detail} data-testid={`node-${stepId}-reason`}>
          · {look.detail}
        </span>
      )}
    </div>
  );
}

/** A still halo around an active step, not a pulse: a page watching a run must not repaint every frame. */
export function RunHalo({ status }: { status: DisplayStatus }) {
  const look = STATUS_LOOK[status];
  if (!look.active) return null;
  return <span aria-hidden="true" className="pointer-events-none absolute -inset-1 rounded-[14px] opacity-50" style={{ boxShadow: `0 0 0 3px ${look.colour.ring}` }} />;
}

/**
 * The editor's overlay of a run on an editable step: the same outline, halo and strip as the run view, drawn over
 * the node while a run is shown on the canvas (RunStoreContext provided), nothing otherwise. A step the run's
 * version does not have (added to the draft since) has no live state and is left as it is.
 */
export function StepRunOverlay({ stepId, gate }: { stepId: string; gate: boolean }) {
  const store = useContext(RunStoreContext);
  const known = useStoreOrNull(store, stepId);
  if (!store || !known) return null;
  return <KnownStepOverlay store={store} stepId={stepId} gate={gate} />;
}

function useStoreOrNull(store: RunStore | null, stepId: string): boolean {
  // A hook must run either way: subscribe to an empty store when there is no run.
  return useStore(store ?? NO_RUN, (s) => stepId in s.steps);
}

function KnownStepOverlay({ store, stepId, gate }: { store: RunStore; stepId: string; gate: boolean }) {
  const look = useStepRunLook(store, stepId, gate);
  return (
    <div data-testid={`node-${stepId}-run`} data-status={look.status} data-step-status={look.live?.status ?? 'pending'} className="contents">
      <span aria-hidden="true" className="pointer-events-none absolute inset-0 rounded-xl" style={look.outline} />
      <RunHalo status={look.status} />
      <RunStatusStrip stepId={stepId} look={look} />
    </div>
  );
}

export interface EdgeRunLook {
  state: EdgeState;
  style: CSSProperties;
}

/**
 * An edge of a run: solid and coloured once the run went along it, faint and dashed when it was not taken, plain grey
 * while undecided; dashed in its target's colour while the target works. No animation: a page watching a run must
 * not repaint every frame (many watchers, low-power machines).
 */
export function useEdgeRunLook(store: RunStore, source: string, target: string, label: 'yes' | 'no' | null): EdgeRunLook {
  const state = useStore(store, (s) => edgeState({ label }, s.steps[source], s.branches[source]));
  const targetStatus = useStore(store, (s) => {
    const t = s.steps[target];
    return t ? stepDisplayStatus(t.status, t.reason) : 'pending';
  });
  const working = state === 'taken' && STATUS_LOOK[targetStatus].active;
  const colour = working ? STATUS_LOOK[targetStatus].colour.solid : state === 'taken' ? (label === 'no' ? '#e11d48' : '#059669') : state === 'not-taken' ? '#d4d4d8' : '#a1a1aa';
  return {
    state,
    style: { stroke: colour, strokeWidth: state === 'taken' ? 2.25 : 1.5, strokeDasharray: state === 'not-taken' ? '5 5' : working ? '7 4' : undefined, opacity: state === 'not-taken' ? 0.7 : 1 },
  };
}

/**
 * The editor's edges with a run on the canvas: the run view's look, or null with no run (RunStoreContext empty) or
 * for an edge the run's version does not have. The same hooks run either way, so a run coming and going is fine.
 */
export function useEditorEdgeRunLook(source: string, target: string, label: 'yes' | 'no' | null): EdgeRunLook | null {
  const store = useContext(RunStoreContext);
  const known = useStore(store ?? NO_RUN, (s) => source in s.steps && target in s.steps);
  const look = useEdgeRunLook(store ?? NO_RUN, source, target, label);
  return store && known ? look : null;
}

function label(status: DisplayStatus, gate: boolean): string {
  if (gate && status === 'completed') return 'Decided';
  if (status === 'waiting') return 'Awaiting decision';
  return STATUS_LOOK[status].label;
}

/** The few words after the status: why skipped, which attempt, how long, which branch. */
function describe(status: DisplayStatus, reason: string | null, attempts: number, duration: number | undefined, gate: boolean, branch: Branch | undefined): string | null {
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
