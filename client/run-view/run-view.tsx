/**
 * `/supplier/:slug/workflows/:id/runs/:runId`: the run overlay (canvas of the pinned version, coloured live) with
 * a side panel that shows the run overview, or the selected step's inspector (and an approval's decision form).
 * Full-bleed below the app header, like the editor.
 */
import { useEffect, useState } from 'react';
import { can, type Role } from '../../shared/roles.ts';
import type { RunDetail } from './gate-decision.tsx';
import { RunCanvasWithReplay } from './replay.tsx';
import { RunHeader } from './run-header.tsx';
import { RunOverview } from './run-overview.tsx';
import { RunStoreContext, type RunStore } from './run-store.ts';
import type { ConnectionState } from '../live/use-live-feed.ts';
import { StepInspector } from './step-inspector.tsx';

interface RunViewProps {
  companySlug: string;
  role: Role;
  run: RunDetail;
  store: RunStore;
  connection: ConnectionState;
}

export function RunView({ companySlug, role, run, store, connection }: RunViewProps) {
  const [selected, setSelected] = useState<string | null>(() => new URLSearchParams(window.location.search).get('step'));
  const step = selected ? run.version.graph.steps.find((s) => s.id === selected) : undefined;
  const canRun = can(role, 'run_workflows');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement)) setSelected(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <RunStoreContext.Provider value={store}>
      <div className="fixed inset-y-0 right-0 left-(--shell-left) z-10 flex flex-col bg-zinc-50" data-testid="run-view" data-run-id={run.run.id}>
        <RunHeader companySlug={companySlug} run={run} connection={connection} canRun={canRun} />
        <div className="flex min-h-0 flex-1">
          <div className="relative min-w-0 flex-1">
            <RunCanvasWithReplay companySlug={companySlug} run={run} selected={step ? step.id : null} onSelect={setSelected} />
          </div>
          <aside aria-label={step ? `Step ${step.name}` : 'Run overview'} className="w-[26rem] shrink-0 overflow-y-auto border-l border-zinc-200 bg-white" data-testid="run-side-panel">
            {step ? (
              <StepInspector key={step.id} companySlug={companySlug} run={run} step={step} canRun={canRun} onClose={() => setSelected(null)} />
            ) : (
              <RunOverview run={run} onSelect={setSelected} />
            )}
          </aside>
        </div>
      </div>
    </RunStoreContext.Provider>
  );
}
