/**
 * Replay on the run view: a time slider rebuilds the run's status map from its recorded transitions and draws it
 * on the same canvas; "Compare with" puts another run of the same workflow beside it, both shown at the same time
 * since their start. Off, the canvas shows the live run as before.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { STATUS_LOOK, stepDisplayStatus } from '../../shared/runs/status.ts';
import { apiError } from '../lib/api-errors.ts';
import { formatDuration } from '../runs/format.ts';
import { useTRPC } from '../trpc.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import type { RunDetail } from './gate-decision.tsx';
import { RunCanvas } from './run-canvas.tsx';
import { branchOf, type Branch } from './run-state.ts';
import { createRunStore, RunStoreContext, useRunLive, type RunStore } from './run-store.ts';
import { countAt, replayState, timelineOf, type Timeline } from './replay-state.ts';
import { Pause, Play } from 'lucide-react';

interface Props {
  companySlug: string;
  run: RunDetail;
  selected: string | null;
  onSelect: (stepId: string | null) => void;
}

const BUTTON = `inline-flex items-center gap-1 rounded-md px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${FOCUS_RING}`;

/** The live canvas with a "Replay" button; in replay, the replayed canvas (or two) with the slider under it. */
export function RunCanvasWithReplay({ companySlug, run, selected, onSelect }: Props) {
  const [replaying, setReplaying] = useState(false);
  if (!replaying) {
    return (
      <div className="relative h-full w-full">
        <RunCanvas graph={run.version.graph} selected={selected} onSelect={onSelect} />
        <button type="button" data-testid="replay-open" onClick={() => setReplaying(true)} className={`absolute top-3 right-3 z-10 bg-white text-zinc-800 shadow-sm ring-zinc-300 hover:bg-zinc-50 ${BUTTON}`}>
          <Play aria-hidden="true" className="size-3.5" /> Replay
        </button>
      </div>
    );
  }
  return <Replay companySlug={companySlug} run={run} selected={selected} onSelect={onSelect} onClose={() => setReplaying(false)} />;
}

function finalBranches(run: RunDetail): Record<string, Branch> {
  const out: Record<string, Branch> = {};
  for (const s of run.steps) {
    const b = branchOf(s.output);
    if (b) out[s.stepId] = b;
  }
  return out;
}

function useTimeline(companySlug: string, runId: string | null) {
  const trpc = useTRPC();
  const history = useQuery({ ...trpc.metrics.runHistory.queryOptions({ companySlug, id: runId ?? '00000000-0000-0000-0000-000000000000' }), enabled: !!runId, staleTime: 0 });
  const timeline = useMemo(() => (history.data ? timelineOf(history.data.transitions) : null), [history.data]);
  return { history, timeline };
}

/** A replay store that follows (timeline, offset): one setState per slider move. */
function useReplayStore(timeline: Timeline | null, offset: number, branches: Record<string, Branch>): RunStore {
  const [store] = useState(createRunStore);
  const count = timeline ? countAt(timeline, offset) : 0;
  useEffect(() => {
    if (timeline) store.setState(replayState(timeline, count, branches), true);
  }, [store, timeline, count, branches]);
  return store;
}

function Replay({ companySlug, run, selected, onSelect, onClose }: Props & { onClose: () => void }) {
  const trpc = useTRPC();
  const [offset, setOffset] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [compareId, setCompareId] = useState<string>('');
  const main = useTimeline(companySlug, run.run.id);
  const other = useTimeline(companySlug, compareId || null);
  const otherRun = useQuery({ ...trpc.runs.get.queryOptions({ companySlug, id: compareId || run.run.id }), enabled: !!compareId });
  const siblings = useQuery(trpc.runs.list.queryOptions({ companySlug, workflowId: run.run.workflowId, limit: 30 }));
  const mainBranches = useMemo(() => finalBranches(run), [run]);
  const otherBranches = useMemo(() => (otherRun.data ? finalBranches(otherRun.data) : {}), [otherRun.data]);
  const mainStore = useReplayStore(main.timeline, offset, mainBranches);
  const otherStore = useReplayStore(compareId ? other.timeline : null, offset, otherBranches);
  const duration = Math.max(main.timeline?.duration ?? 0, compareId ? (other.timeline?.duration ?? 0) : 0);

  // Play: walk to the end in about six seconds whatever the run's length, then stop.
  useEffect(() => {
    if (!playing) return;
    const stepMs = Math.max(1, duration / 60);
    const timer = setInterval(() => {
      setOffset((o) => {
        if (o >= duration) {
          setPlaying(false);
          return duration;
        }
        return Math.min(duration, o + stepMs);
      });
    }, 100);
    return () => clearInterval(timer);
  }, [playing, duration]);

  const count = main.timeline ? countAt(main.timeline, offset) : 0;
  const last = count > 0 ? main.timeline!.transitions[count - 1] : undefined;
  const stepName = (id: string) => run.version.graph.steps.find((s) => s.id === id)?.name ?? id;

  return (
    <div className="flex h-full w-full flex-col" data-testid="replay">
      <div className="flex min-h-0 flex-1">
        <ReplayPane label={compareId ? 'This run' : null} store={mainStore}>
          {/* Remounted when the split changes, so the canvas fits its new width. */}
          <RunCanvas key={compareId ? 'split' : 'single'} graph={run.version.graph} selected={selected} onSelect={onSelect} />
        </ReplayPane>
        {compareId && (
          <ReplayPane label={`Run ${compareId.slice(0, 8)}`} store={otherStore} testId="replay-compare">
            {otherRun.data ? <RunCanvas graph={otherRun.data.version.graph} selected={null} onSelect={() => {}} /> : <p className="p-4 text-sm text-zinc-500">Loading the other run…</p>}
          </ReplayPane>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3 border-t border-zinc-200 bg-white px-4 py-2.5 text-xs" aria-label="Replay controls" role="group">
        <button type="button" className={`bg-white text-zinc-800 ring-zinc-300 hover:bg-zinc-50 ${BUTTON}`} onClick={() => (offset >= duration ? (setOffset(0), setPlaying(true)) : setPlaying((p) => !p))} data-testid="replay-play">
          {playing ? <Pause aria-hidden="true" className="size-3.5" /> : <Play aria-hidden="true" className="size-3.5" />}
          {playing ? 'Pause' : 'Play'}
        </button>
        <label htmlFor="replay-slider" className="sr-only">Time since the run started</label>
        <input
          id="replay-slider"
          data-testid="replay-slider"
          type="range"
          min={0}
          max={Math.max(1, Math.ceil(duration))}
          step={1}
          value={Math.min(offset, Math.max(1, Math.ceil(duration)))}
          onChange={(e) => {
            setPlaying(false);
            setOffset(Number(e.target.value));
          }}
          className="min-w-48 flex-1 accent-orange-600"
          aria-valuetext={`${formatDuration(offset)} after the start`}
        />
        <span className="w-40 tabular-nums text-zinc-600" data-testid="replay-time">
          +{formatDuration(Math.round(offset))} / {formatDuration(Math.round(duration))}
        </span>
        <span className="min-w-0 flex-1 truncate text-zinc-600" data-testid="replay-last" role="status">
          {main.history.isPending ? 'Loading the history…' : main.history.isError ? apiError(main.history.error).message : last ? `${count}/${main.timeline!.transitions.length} · ${last.stepId ? stepName(last.stepId) : 'Run'} → ${last.status}${last.reason ? ` (${last.reason})` : ''}` : 'Before the first change'}
        </span>
        <label className="flex items-center gap-1.5 text-zinc-600">
          Compare with
          <select data-testid="replay-compare-select" value={compareId} onChange={(e) => setCompareId(e.target.value)} className="max-w-56 rounded-md border-0 py-1 pr-7 pl-2 text-xs ring-1 ring-zinc-300 ring-inset">
            <option value="">—</option>
            {(siblings.data ?? []).filter((r) => r.id !== run.run.id).map((r) => (
              <option key={r.id} value={r.id}>
                {new Date(r.createdAt).toLocaleString()} · {r.status}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={`bg-white text-zinc-800 ring-zinc-300 hover:bg-zinc-50 ${BUTTON}`} onClick={onClose} data-testid="replay-close">
          Back to live
        </button>
      </div>
    </div>
  );
}

function ReplayPane({ label, store, testId, children }: { label: string | null; store: RunStore; testId?: string; children: React.ReactNode }) {
  return (
    <RunStoreContext.Provider value={store}>
      <div className="relative min-w-0 flex-1 border-r border-zinc-200 last:border-r-0" data-testid={testId}>
        {children}
        {label && (
          <div className="absolute top-14 left-3 z-10 flex items-center gap-2 rounded-md bg-white/95 px-2 py-1 text-xs font-medium text-zinc-700 shadow-sm ring-1 ring-zinc-200">
            {label} <RunStatusChip />
          </div>
        )}
      </div>
    </RunStoreContext.Provider>
  );
}

function RunStatusChip() {
  const status = useRunLive((s) => s.run?.status ?? 'pending');
  const look = STATUS_LOOK[stepDisplayStatus(status, null)];
  return (
    <span className="rounded-full px-1.5 py-0.5 text-[10px]" style={{ backgroundColor: look.colour.bg, color: look.colour.text }}>
      {look.label}
    </span>
  );
}
