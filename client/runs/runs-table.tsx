/** Runs as a table: status, workflow, run, version, trigger, start, duration, and the run's actions. */
import { runDisplayStatus, STATUS_LOOK } from '../../shared/runs/status.ts';
import { Link } from '../router.tsx';
import type { RouterOutputs } from '../trpc.ts';
import { RelativeTime } from '../ui/relative-time.tsx';
import { elapsed, formatDuration, shortId, TRIGGER_LABEL } from './format.ts';
import { runPath, workflowRunsPath } from './paths.ts';
import { RunActions } from './run-actions.tsx';
import { StatusBadge } from './status-badge.tsx';
import { useNow } from './use-now.ts';

export type RunSummary = RouterOutputs['runs']['list'][number];

const TH = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase';

export function RunsTable({ companySlug, runs, showWorkflow, canRun }: { companySlug: string; runs: RunSummary[]; showWorkflow: boolean; canRun: boolean }) {
  const anyActive = runs.some((r) => STATUS_LOOK[runDisplayStatus(r.status)].active);
  const now = useNow(1000, anyActive);
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5">
      <table className="w-full min-w-[62rem] table-fixed" data-testid="runs-table">
        <caption className="sr-only">Runs</caption>
        <colgroup>
          <col className="w-44" />
          {showWorkflow && <col />}
          <col className="w-24" />
          <col className="w-20" />
          <col className={showWorkflow ? 'w-48' : ''} />
          <col className="w-28" />
          <col className="w-24" />
          <col className="w-32" />
        </colgroup>
        <thead className="border-b border-zinc-200 bg-zinc-50/60">
          <tr>
            <th scope="col" className={TH}>Status</th>
            {showWorkflow && <th scope="col" className={TH}>Workflow</th>}
            <th scope="col" className={TH}>Run</th>
            <th scope="col" className={TH}>Version</th>
            <th scope="col" className={TH}>Trigger</th>
            <th scope="col" className={TH}>Started</th>
            <th scope="col" className={`${TH} text-right`}>Duration</th>
            <th scope="col" className={`${TH} text-right`}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {runs.map((r) => {
            const status = runDisplayStatus(r.status);
            const ms = elapsed(r.startedAt ?? r.createdAt, r.finishedAt, now);
            return (
              <tr key={r.id} data-testid="run-row" data-run-id={r.id} data-status={r.status} className="transition-colors hover:bg-zinc-50/70">
                <td className="px-4 py-3">
                  <StatusBadge status={status} testId="run-row-status" />
                </td>
                {showWorkflow && (
                  <td className="truncate px-4 py-3">
                    <Link to={workflowRunsPath(companySlug, r.workflowId)} className="font-medium text-zinc-900 hover:text-orange-700 hover:underline" title={`All runs of ${r.workflowName}`}>
                      {r.workflowName}
                    </Link>
                  </td>
                )}
                <td className="px-4 py-3">
                  <Link to={runPath(companySlug, r.workflowId, r.id)} data-testid="run-link" className="rounded-sm font-mono text-xs font-medium text-orange-700 hover:underline focus-visible:outline-2 focus-visible:outline-orange-500" title="Open the run">
                    {shortId(r.id)}
                  </Link>
                </td>
                <td className="px-4 py-3">
                  <span className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-medium text-zinc-700 tabular-nums">v{r.version}</span>
                </td>
                <td className="truncate px-4 py-3 text-zinc-700">
                  {TRIGGER_LABEL[r.triggerType] ?? r.triggerType}
                  {r.startedByName && <span className="text-zinc-500"> · {r.startedByName}</span>}
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-zinc-600">
                  <RelativeTime value={r.startedAt ?? r.createdAt} />
                </td>
                <td className="px-4 py-3 text-right whitespace-nowrap text-zinc-700 tabular-nums">{ms === null ? '—' : formatDuration(ms)}</td>
                <td className="px-4 py-3 text-right">
                  <RunActions companySlug={companySlug} run={r} canRun={canRun} compact />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
