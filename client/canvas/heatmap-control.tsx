/**
 * The editor's heatmap toggle: colours each step by failure rate, p95 duration, retries or (for approvals) wait
 * time over the last N runs or a recent date range. One query (metrics.heatmap) per window; the colouring is
 * memoized on (data, mode) and handed to nodes through HeatContext. A legend shows the scale and the window.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { heatCells, heatColour, legendEnds, scaleMax, type HeatCell } from '../../shared/metrics/heat.ts';
import { HEATMAP_MODES, HEATMAP_MODE_LABEL, type HeatmapMode } from '../../shared/metrics/vocab.ts';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Switch } from '../ui/switch.tsx';
import { HeatContext } from './heat-context.ts';
import { useEditor } from './store.ts';

const WINDOWS = [
  { id: 'last20', label: 'Last 20 runs', window: () => ({ lastRuns: 20 }) },
  { id: 'last100', label: 'Last 100 runs', window: () => ({ lastRuns: 100 }) },
  { id: 'last1000', label: 'Last 1,000 runs', window: () => ({ lastRuns: 1000 }) },
  { id: '7d', label: 'Last 7 days', window: () => ({ from: new Date(Date.now() - 7 * 86_400_000), to: new Date(Date.now() + 60_000) }) },
  { id: '30d', label: 'Last 30 days', window: () => ({ from: new Date(Date.now() - 30 * 86_400_000), to: new Date(Date.now() + 60_000) }) },
] as const;
type WindowId = (typeof WINDOWS)[number]['id'];

const SELECT = 'rounded-md border-0 bg-white py-1 pr-7 pl-2 text-xs text-zinc-900 ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none';

/** Wraps the canvas: provides the colouring and draws the control over its top-right corner. */
export function HeatmapLayer({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const meta = useEditor((s) => s.meta);
  const steps = useEditor((s) => s.graph.steps);
  const [on, setOn] = useState(false);
  const [mode, setMode] = useState<HeatmapMode>('failure_rate');
  const [windowId, setWindowId] = useState<WindowId>('last20');
  // The window is fixed when chosen, so the query key does not move while the heatmap is on.
  const window = useMemo(() => WINDOWS.find((w) => w.id === windowId)!.window(), [windowId]);
  const heat = useQuery({ ...trpc.metrics.heatmap.queryOptions({ companySlug: meta.companySlug, workflowId: meta.id, window }), enabled: on, staleTime: 30_000 });
  // Only the set of gate ids matters for colouring: a name edit or a drag does not recolour.
  const gateKey = steps.filter((s) => s.type === 'human_gate').map((s) => s.id).join(',');
  const gateIds = useMemo(() => new Set(gateKey ? gateKey.split(',') : []), [gateKey]);
  const cells = useMemo<ReadonlyMap<string, HeatCell> | null>(() => (on && heat.data ? heatCells(mode, heat.data.steps, gateIds) : null), [on, heat.data, mode, gateIds]);
  const max = useMemo(() => (heat.data ? scaleMax(mode, heat.data.steps, gateIds) : 0), [heat.data, mode, gateIds]);
  const [lo, hi] = legendEnds(mode, max);

  return (
    <HeatContext.Provider value={cells}>
      {children}
      <div data-testid="heatmap-panel" className="absolute top-3 right-3 z-10 flex max-w-xs flex-col gap-2 rounded-lg bg-white/95 p-2.5 text-xs shadow-md ring-1 ring-zinc-200 backdrop-blur">
        <div className="flex items-center gap-2">
          <Switch checked={on} onChange={setOn} label="Heatmap" data-testid="heatmap-toggle" />
          <span className="font-medium text-zinc-800">Heatmap</span>
          {on && heat.isFetching && <span className="text-zinc-400" role="status">loading…</span>}
        </div>
        {on && (
          <>
            <div className="flex gap-2">
              <label className="sr-only" htmlFor="heatmap-mode">Colour by</label>
              <select id="heatmap-mode" data-testid="heatmap-mode" className={SELECT} value={mode} onChange={(e) => setMode(e.target.value as HeatmapMode)}>
                {HEATMAP_MODES.map((m) => (
                  <option key={m} value={m}>{HEATMAP_MODE_LABEL[m]}</option>
                ))}
              </select>
              <label className="sr-only" htmlFor="heatmap-window">Over</label>
              <select id="heatmap-window" data-testid="heatmap-window" className={SELECT} value={windowId} onChange={(e) => setWindowId(e.target.value as WindowId)}>
                {WINDOWS.map((w) => (
                  <option key={w.id} value={w.id}>{w.label}</option>
                ))}
              </select>
            </div>
            {heat.isError && <p role="alert" className="text-red-700">{apiError(heat.error).message}</p>}
            {heat.data && (
              <div data-testid="heatmap-legend" className="flex flex-col gap-1">
                <div className="h-2 rounded-full" style={{ background: `linear-gradient(to right, ${heatColour(0)}, ${heatColour(0.5)}, ${heatColour(1)})` }} aria-hidden="true" />
                <div className="flex justify-between text-zinc-600">
                  <span>{lo}</span>
                  <span>{hi}</span>
                </div>
                <p className="text-zinc-500" data-testid="heatmap-runs">
                  {heat.data.runs === 0 ? 'No runs in this window yet.' : `Over ${heat.data.runs} run${heat.data.runs === 1 ? '' : 's'}. Hover a step for its numbers.`}
                </p>
              </div>
            )}
          </>
        )}
      </div>
    </HeatContext.Provider>
  );
}
