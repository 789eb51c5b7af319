/** The run view's top bar: back to the runs, which workflow and run, its live status, and what can be done. */
import { runDisplayStatus, STATUS_LOOK } from '../../shared/runs/status.ts';
import { LiveIndicator } from '../live/live-indicator.tsx';
import type { ConnectionState } from '../live/use-live-feed.ts';
import { Link } from '../router.tsx';
import { elapsed, formatDuration, shortId, TRIGGER_LABEL } from '../runs/format.ts';
import { DemoBadge } from '../runs/demo-badge.tsx';
import { editorPath, workflowRunsPath } from '../runs/paths.ts';
import { RunActions } from '../runs/run-actions.tsx';
import { StatusBadge } from '../runs/status-badge.tsx';
import { useNow } from '../runs/use-now.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import type { RunDetail } from './gate-decision.tsx';
import { useRunLive } from './run-store.ts';

export function RunHeader({ companySlug, run, connection, canRun }: { companySlug: string; run: RunDetail; connection: ConnectionState; canRun: boolean }) {
  const liveStatus = useRunLive((s) => s.run?.status) ?? run.run.status;
  const status = runDisplayStatus(liveStatus);
  const now = useNow(1000, STATUS_LOOK[status].active || status === 'pending');
  const ms = elapsed(run.run.startedAt ?? run.run.createdAt, STATUS_LOOK[status].active || status === 'pending' ? null : (run.run.finishedAt ?? null), now);
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b border-zinc-200 bg-white px-4">
      <Link to={workflowRunsPath(companySlug, run.workflow.id)} aria-label="Back to the workflow's runs" title="Back to the workflow's runs" className={`flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 ${FOCUS_RING}`}>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M12 5l-5 5 5 5" />
        </svg>
      </Link>
      <div className="min-w-0">
        <h1 className="truncate text-base leading-tight font-semibold text-zinc-900" data-testid="run-title">
          {run.workflow.name} <span className="font-mono text-sm font-normal text-zinc-400">#{shortId(run.run.id)}</span>
        </h1>
        <p className="flex items-center gap-1.5 truncate text-xs text-zinc-500">
          <span>v{run.version.version}</span>
          <span aria-hidden="true">·</span>
          <span>
            {TRIGGER_LABEL[run.run.triggerType] ?? run.run.triggerType}
            {run.startedByName ? ` by ${run.startedByName}` : ''}
          </span>
          {run.run.demo && <DemoBadge />}
          <span aria-hidden="true">·</span>
          <span className="tabular-nums" data-testid="run-duration">
            {ms === null ? 'not started' : formatDuration(ms)}
          </span>
          {run.run.functionInvocations > 0 && (
            <>
              <span aria-hidden="true">·</span>
              <span
                className="tabular-nums"
                data-testid="run-cost"
                title={`Claude: ${run.run.claudeInputTokens.toLocaleString()} input + ${run.run.claudeOutputTokens.toLocaleString()} output tokens ($${run.run.claudeCostUsd.toFixed(4)}); ${run.run.functionInvocations} function invocations`}
              >
                ${run.run.costUsd.toFixed(4)}
              </span>
            </>
          )}
        </p>
      </div>
      <StatusBadge status={status} size="md" testId="run-status" />
      <div className="ml-auto flex items-center gap-3">
        <LiveIndicator state={connection} />
        <Link to={editorPath(companySlug, run.workflow.id)} className={`rounded-md px-2.5 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 ${FOCUS_RING}`}>
          Open workflow
        </Link>
        <RunActions companySlug={companySlug} run={{ id: run.run.id, workflowId: run.workflow.id, status: liveStatus }} canRun={canRun} />
      </div>
    </header>
  );
}
