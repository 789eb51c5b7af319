/** Runs as a table: status, workflow, run, version, trigger, start, duration, and the run's actions. */
import { runDisplayStatus, STATUS_LOOK } from '../../shared/runs/status.ts';
import { Link } from '../router.tsx';
import type { RouterOutputs } from '../trpc.ts';
import { DataTable, type TableStates } from '../ui/data-table.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { elapsed, formatDuration, shortId, TRIGGER_LABEL } from './format.ts';
import { DemoBadge } from './demo-badge.tsx';
import { runPath, workflowRunsPath } from './paths.ts';
import { RunActions } from './run-actions.tsx';
import { StatusBadge } from './status-badge.tsx';
import { useNow } from './use-now.ts';

export type RunSummary = RouterOutputs['runs']['list'][number];

interface RunsTableProps extends TableStates<RunSummary> {
  companySlug: string;
  showWorkflow: boolean;
  canRun: boolean;
}

export function RunsTable({ companySlug, showWorkflow, canRun, ...list }: RunsTableProps) {
  const anyActive = list.rows?.some((r) => STATUS_LOOK[runDisplayStatus(r.status)].active) ?? false;
  const now = useNow(1000, anyActive);
  return (
    <DataTable<RunSummary>
      caption="Runs"
      data-testid="runs-table"
      minWidth="min-w-[62rem]"
      verticalAlign="middle"
      rowKey={(r) => r.id}
      rowProps={(r) => ({ 'data-testid': 'run-row', 'data-run-id': r.id, 'data-status': r.status })}
      columns={[
        { header: 'Status', width: 'w-44', cell: (r) => <StatusBadge status={runDisplayStatus(r.status)} testId="run-row-status" /> },
        showWorkflow && {
          header: 'Workflow',
          className: 'truncate',
          cell: (r) => (
            <Link to={workflowRunsPath(companySlug, r.workflowId)} className="font-medium text-zinc-900 hover:text-orange-700 hover:underline" title={`All runs of ${r.workflowName}`}>
              {r.workflowName}
            </Link>
          ),
        },
        {
          header: 'Run',
          width: 'w-24',
          cell: (r) => (
            <Link to={runPath(companySlug, r.workflowId, r.id)} data-testid="run-link" className="rounded-sm font-mono text-xs font-medium text-orange-700 hover:underline focus-visible:outline-2 focus-visible:outline-orange-500" title="Open the run">
              {shortId(r.id)}
            </Link>
          ),
        },
        { header: 'Version', width: 'w-20', cell: (r) => <span className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-medium text-zinc-700 tabular-nums">v{r.version}</span> },
        {
          header: 'Trigger',
          ...(showWorkflow ? { width: 'w-48' } : {}),
          className: 'truncate text-zinc-700',
          cell: (r) => (
            <>
              {TRIGGER_LABEL[r.triggerType] ?? r.triggerType}
              {r.startedByName && <span className="text-zinc-500"> · {r.startedByName}</span>}
              {r.demo && <DemoBadge />}
            </>
          ),
        },
        { header: 'Started', width: 'w-28', className: 'whitespace-nowrap text-zinc-600', cell: (r) => <RelativeTime value={r.startedAt ?? r.createdAt} /> },
        {
          header: 'Duration',
          width: 'w-24',
          align: 'right',
          className: 'whitespace-nowrap text-zinc-700 tabular-nums',
          cell: (r) => {
            const ms = elapsed(r.startedAt ?? r.createdAt, r.finishedAt, now);
            return ms === null ? '—' : formatDuration(ms);
          },
        },
        { header: 'Actions', hideHeader: true, width: 'w-32', align: 'right', cell: (r) => <RunActions companySlug={companySlug} run={r} canRun={canRun} compact /> },
      ]}
      {...list}
    />
  );
}
