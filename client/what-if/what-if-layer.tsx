/**
 * The editor's what-if: a "What-if" button (or W) opens a small panel to simulate the draft, as it is on screen,
 * over the last N runs or over sample payloads (workflows.simulate: nothing runs, nothing is written). The result
 * goes on the edges as counts ("37/50", by WhatIfEdgeContext) and in the panel as a summary: the runs that would
 * take a different path than with the published version, and the approvals they would now need. Escape clears it.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Graph } from '../../shared/graph/schema.ts';
import type { SimulationResult } from '../../shared/simulate/schema.ts';
import { isTypingTarget, matchShortcut } from '../canvas/shortcuts.ts';
import { useEditor } from '../canvas/store.ts';
import { WhatIfEdgeContext, type WhatIfEdges } from '../canvas/what-if-overlay.ts';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button, FOCUS_RING } from '../ui/button.tsx';
import { describeChange, parseSamples } from './what-if-text.ts';

const FIELD = 'rounded-md border-0 bg-white px-2 py-1 text-xs text-zinc-900 ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none';
const SHOWN_CHANGES = 20;

export function WhatIfLayer({ children }: { children: ReactNode }) {
  const editable = useEditor((s) => s.access.edit);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<{ result: SimulationResult; graph: Graph } | null>(null);
  const edges = useMemo<WhatIfEdges | null>(() => (shown ? { total: shown.result.total, edges: new Map(Object.entries(shown.result.edges)) } : null), [shown]);

  // W opens the panel; Escape clears the counts and closes it (unless a dialog or a field has the key).
  const state = useRef({ open, shown });
  state.current = { open, shown };
  useEffect(() => {
    if (!editable) return;
    function onKeyDown(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      // Escape also clears the canvas selection (the editor's own shortcut): both happen, whichever listens first.
      if (e.key === 'Escape' && (state.current.open || state.current.shown)) {
        setShown(null);
        setOpen(false);
      } else if (!e.defaultPrevented && !e.shiftKey && matchShortcut(e) === 'whatIf' && !isTypingTarget(e.target)) {
        e.preventDefault();
        setOpen(true);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [editable]);

  if (!editable) return <>{children}</>;
  return (
    <WhatIfEdgeContext.Provider value={edges}>
      {children}
      <div className="absolute top-16 left-3 z-10 flex max-w-sm flex-col gap-2 text-xs">
        {!open && !shown ? (
          <button
            type="button"
            data-testid="what-if-open"
            aria-keyshortcuts="W"
            title="What-if: try this draft on past runs, without running anything (W)"
            onClick={() => setOpen(true)}
            className={`self-start rounded-lg bg-white px-2.5 py-1.5 font-medium text-zinc-700 shadow-sm ring-1 ring-zinc-900/10 hover:bg-zinc-50 ${FOCUS_RING}`}
          >
            What-if
          </button>
        ) : (
          <WhatIfPanel shown={shown} onShow={setShown} onClose={() => { setShown(null); setOpen(false); }} />
        )}
      </div>
    </WhatIfEdgeContext.Provider>
  );
}

function WhatIfPanel({ shown, onShow, onClose }: { shown: { result: SimulationResult; graph: Graph } | null; onShow: (s: { result: SimulationResult; graph: Graph }) => void; onClose: () => void }) {
  const trpc = useTRPC();
  const meta = useEditor((s) => s.meta);
  const graph = useEditor((s) => s.graph);
  const [source, setSource] = useState<'runs' | 'samples'>('runs');
  const [lastRuns, setLastRuns] = useState(50);
  const [samplesText, setSamplesText] = useState('[\n  {}\n]');
  const simulate = useMutation(trpc.workflows.simulate.mutationOptions());
  const samples = source === 'samples' ? parseSamples(samplesText) : null;
  const invalid = source === 'runs' ? !(Number.isInteger(lastRuns) && lastRuns >= 1 && lastRuns <= 200) : !samples || 'error' in samples;

  function run() {
    if (invalid) return;
    const asked = graph;
    const src = source === 'runs' ? { lastRuns } : { samples: (samples as { samples: Record<string, unknown>[] }).samples };
    simulate.mutate({ companySlug: meta.companySlug, workflowId: meta.id, graph: asked, source: src }, { onSuccess: (result) => onShow({ result, graph: asked }) });
  }

  const nameOf = (id: string) => graph.steps.find((s) => s.id === id)?.name ?? id;
  const result = shown?.result ?? null;
  return (
    <section aria-labelledby="what-if-title" data-testid="what-if-panel" className="flex flex-col gap-2 rounded-lg bg-white/95 p-3 shadow-md ring-1 ring-zinc-200 backdrop-blur">
      <div className="flex items-center justify-between gap-3">
        <h2 id="what-if-title" className="text-sm font-semibold text-zinc-900">What-if</h2>
        <button type="button" onClick={onClose} data-testid="what-if-close" aria-label="Close what-if (Esc)" title="Close (Esc)" className={`rounded px-1.5 text-zinc-500 hover:bg-zinc-100 ${FOCUS_RING}`}>
          ✕
        </button>
      </div>
      <p className="text-zinc-600">Walks this draft over past runs or sample payloads. Nothing runs: no request, event, message or approval is sent.</p>
      <fieldset className="flex flex-col gap-1.5 text-zinc-700">
        <legend className="sr-only">Simulate over</legend>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="what-if-source" checked={source === 'runs'} onChange={() => setSource('runs')} className="accent-orange-600" data-testid="what-if-source-runs" />
          Last
          <input
            type="number"
            min={1}
            max={200}
            aria-label="How many recent runs"
            data-testid="what-if-last-runs"
            value={Number.isNaN(lastRuns) ? '' : lastRuns}
            onChange={(e) => setLastRuns(e.target.valueAsNumber)}
            onFocus={() => setSource('runs')}
            className={`${FIELD} w-16`}
          />
          runs
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" name="what-if-source" checked={source === 'samples'} onChange={() => setSource('samples')} className="accent-orange-600" data-testid="what-if-source-samples" />
          Sample payloads (JSON)
        </label>
        {source === 'samples' && (
          <>
            <label className="sr-only" htmlFor="what-if-samples">Sample payloads, a JSON object or a list of them</label>
            <textarea id="what-if-samples" rows={4} value={samplesText} onChange={(e) => setSamplesText(e.target.value)} data-testid="what-if-samples" className={`${FIELD} font-mono`} />
            {samples && 'error' in samples && <p className="text-red-700" role="alert">{samples.error}</p>}
          </>
        )}
      </fieldset>
      <Button variant="primary" onClick={run} disabled={invalid || simulate.isPending} data-testid="what-if-run" className="self-start px-2.5 py-1 text-xs">
        {simulate.isPending ? 'Simulating…' : 'Simulate'}
      </Button>
      {simulate.isError && <p role="alert" className="text-red-700">{apiError(simulate.error).message}</p>}
      {result && <WhatIfSummary result={result} stale={shown!.graph !== graph} nameOf={nameOf} />}
    </section>
  );
}

function WhatIfSummary({ result, stale, nameOf }: { result: SimulationResult; stale: boolean; nameOf: (id: string) => string }) {
  const changed = result.comparison?.changed ?? [];
  const approvals = Object.entries(result.approvals);
  const uncertainRuns = result.runs.filter((r) => Object.values(r.edges).includes('uncertain')).length;
  return (
    <div data-testid="what-if-summary" className="flex max-h-72 flex-col gap-1.5 overflow-y-auto border-t border-zinc-200 pt-2 text-zinc-700" tabIndex={0} aria-label="What-if result">
      <p role="status" data-testid="what-if-total">
        {result.total === 0 ? 'No finished runs to simulate yet.' : `Over ${result.total} run${result.total === 1 ? '' : 's'}: the counts are on the connections.`}
        {uncertainRuns > 0 && ` ${uncertainRuns} depend on outputs or decisions nobody recorded (marked ?).`}
      </p>
      {stale && <p className="text-amber-700">The draft changed since: simulate again to update.</p>}
      {approvals.length > 0 && (
        <div>
          <h3 className="font-medium text-zinc-900">Approvals needed</h3>
          <ul data-testid="what-if-approvals">
            {approvals.map(([id, a]) => (
              <li key={id}>{nameOf(id)}: {a.required} run{a.required === 1 ? '' : 's'}{a.maybe ? `, maybe ${a.maybe} more` : ''}</li>
            ))}
          </ul>
        </div>
      )}
      {result.comparison === null ? (
        <p>Not published yet: nothing to compare with.</p>
      ) : (
        <div>
          <h3 className="font-medium text-zinc-900">Against the published version</h3>
          {changed.length === 0 ? (
            <p data-testid="what-if-changed-none">No run would take a different path.</p>
          ) : (
            <>
              <p data-testid="what-if-changed-count">{changed.length} run{changed.length === 1 ? '' : 's'} would take a different path{countNewApprovals(result) ? `; ${countNewApprovals(result)} would need a new approval` : ''}.</p>
              <ul data-testid="what-if-changed" className="flex flex-col gap-0.5">
                {changed.slice(0, SHOWN_CHANGES).map((c) => (
                  <li key={c.runId}>
                    <span className="font-mono text-zinc-500">{c.label}</span> {describeChange(c, nameOf)}
                  </li>
                ))}
                {changed.length > SHOWN_CHANGES && <li className="text-zinc-500">and {changed.length - SHOWN_CHANGES} more</li>}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function countNewApprovals(result: SimulationResult): number {
  return (result.comparison?.changed ?? []).filter((c) => c.newApprovals.length > 0).length;
}
