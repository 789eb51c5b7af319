/**
 * A run on the editor's canvas: which run the canvas shows (the latest one when the editor opens, the one Run now
 * started, or none once cleared), the strip above the canvas saying so (status, when, a link to the run, Clear),
 * and the run's live status map handed to the step nodes through RunStoreContext, so they draw it with the run
 * view's own look (run-view/run-look.tsx). The draft's nodes stay the draft's: no run state goes into the graph.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { runDisplayStatus } from '../../shared/runs/status.ts';
import { EdgeOverlayContext, NodeOverlayContext } from '../canvas/node-overlay.ts';
import { useEditor } from '../canvas/store.ts';
import { Link } from '../router.tsx';
import { runPath } from '../runs/paths.ts';
import { StatusBadge } from '../runs/status-badge.tsx';
import { StepRunOverlay, useEditorEdgeRunLook } from '../run-view/run-look.tsx';
import { RunStoreContext, type RunStore } from '../run-view/run-store.ts';
import { useRunView } from '../run-view/use-run-view.ts';
import { useTRPC } from '../trpc.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';

/** `latest`: follow the workflow's newest run; `run`: one picked run (Run now's); `none`: the overlay cleared. */
type Shown = { kind: 'latest' } | { kind: 'run'; runId: string } | { kind: 'none' };

interface EditorRunApi {
  shown: Shown;
  show: (runId: string) => void;
  clear: () => void;
}

const EditorRunContext = createContext<EditorRunApi | null>(null);

export function EditorRunProvider({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState<Shown>({ kind: 'latest' });
  const api = useMemo<EditorRunApi>(() => ({ shown, show: (runId) => setShown({ kind: 'run', runId }), clear: () => setShown({ kind: 'none' }) }), [shown]);
  return <EditorRunContext.Provider value={api}>{children}</EditorRunContext.Provider>;
}

export function useEditorRun(): EditorRunApi {
  const api = useContext(EditorRunContext);
  if (!api) throw new Error('useEditorRun outside EditorRunProvider');
  return api;
}

/**
 * The canvas column: the run strip on top (always there, so the canvas never changes height under the first
 * view), the canvas below with the shown run's store in context.
 */
export function EditorRunOverlay({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const { id: workflowId, companySlug } = useEditor((s) => s.meta);
  const { shown, show } = useEditorRun();
  const latest = useQuery({ ...trpc.runs.list.queryOptions({ companySlug, workflowId, limit: 1 }), refetchOnWindowFocus: false });
  const latestId = latest.data?.[0]?.id ?? null;
  const runId = shown.kind === 'run' ? shown.runId : shown.kind === 'latest' ? latestId : null;
  const [store, setStore] = useState<RunStore | null>(null);

  return (
    <div className="flex min-w-0 flex-1 flex-col">
      <div data-testid="editor-run-bar" className="flex h-10 shrink-0 items-center gap-3 border-b border-zinc-200 bg-white px-3 text-xs text-zinc-600">
        {runId ? (
          <RunFeed key={runId} runId={runId} companySlug={companySlug} workflowId={workflowId} latest={shown.kind === 'latest'} onStore={setStore} />
        ) : (
          <span data-testid="editor-run-none">{shown.kind === 'none' ? 'No run shown on the canvas.' : latest.isPending ? 'Looking for the latest run…' : 'No runs yet. Run now shows one here, live.'}</span>
        )}
        {shown.kind === 'none' && latestId && (
          <button type="button" data-testid="editor-run-show-latest" onClick={() => show(latestId)} className={`rounded px-1.5 py-0.5 font-medium text-orange-700 hover:bg-orange-50 ${FOCUS_RING}`}>
            Show the latest run
          </button>
        )}
      </div>
      <RunStoreContext.Provider value={runId ? store : null}>
        {/* The edge hook stays the same with or without a run (it answers null then): an edge's hooks never change. */}
        <EdgeOverlayContext.Provider value={useEditorEdgeRunLook}>
          <NodeOverlayContext.Provider value={runId && store ? StepRunOverlay : null}>{children}</NodeOverlayContext.Provider>
        </EdgeOverlayContext.Provider>
      </RunStoreContext.Provider>
    </div>
  );
}

interface RunFeedProps {
  runId: string;
  companySlug: string;
  workflowId: string;
  latest: boolean;
  onStore: (store: RunStore | null) => void;
}

/** Keeps one run's live status map (snapshot + runs.watch, as the run view does) and describes the run. */
function RunFeed({ runId, companySlug, workflowId, latest, onStore }: RunFeedProps) {
  const { store, query } = useRunView(companySlug, runId);
  const { clear } = useEditorRun();
  useEffect(() => {
    onStore(store);
    return () => onStore(null);
  }, [store, onStore]);
  const liveStatus = useStore(store, (s) => s.run?.status);
  const run = query.data?.run;
  const known = liveStatus ?? run?.status;

  return (
    <>
      <span className="font-medium text-zinc-800">{latest ? 'Latest run' : 'This run'}</span>
      {known ? <StatusBadge status={runDisplayStatus(known)} testId="editor-run-status" /> : <span className="text-zinc-400">loading…</span>}
      {run && (
        <span className="truncate">
          v{query.data?.version.version} · started <RelativeTime value={run.createdAt} />
        </span>
      )}
      <Link to={runPath(companySlug, workflowId, runId)} data-testid="editor-run-link" className={`rounded px-1.5 py-0.5 font-medium text-orange-700 underline-offset-2 hover:underline ${FOCUS_RING}`}>
        Open the run
      </Link>
      <button type="button" data-testid="editor-run-clear" onClick={clear} title="Take the run's colours off the canvas" className={`ml-auto rounded px-1.5 py-0.5 font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 ${FOCUS_RING}`}>
        Clear
      </button>
    </>
  );
}
