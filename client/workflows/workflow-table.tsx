/**
 * Every workflow of a company as a table: what it is, what starts it, how its runs went (the last one, and the last
 * 7 days), its version and size, and whether it runs.
 */
import { can, type Role } from '../../shared/roles.ts';
import { describeTrigger } from '../../shared/workflows/trigger-config.ts';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import { apiError } from '../lib/api-errors.ts';
import { Link } from '../router.tsx';
import { workflowsPath } from '../session.ts';
import { DataTable, type TableStates } from '../ui/data-table.tsx';
import { Switch } from '../ui/switch.tsx';
import { LastRunCell } from './last-run-cell.tsx';
import { RecentRunsCell } from './recent-runs-cell.tsx';
import { useSetEnabled } from './use-set-enabled.ts';
import type { WorkflowSummary } from './workflow-summary.ts';

export function WorkflowTable({ companySlug, role, ...list }: { companySlug: string; role: Role } & TableStates<WorkflowSummary>) {
  return (
    <DataTable<WorkflowSummary>
      caption="Workflows"
      minWidth="min-w-[52rem]"
      rowKey={(w) => w.id}
      rowProps={(w) => ({ 'data-testid': 'workflow-row', 'data-workflow-id': w.id })}
      columns={[
        {
          header: 'Workflow',
          cell: (w) => (
            <>
              <Link to={`${workflowsPath(companySlug)}/${encodeURIComponent(w.id)}`} className="rounded-sm font-medium text-zinc-900 hover:text-orange-700 hover:underline focus-visible:outline-2 focus-visible:outline-orange-500">
                {w.name}
              </Link>
              {w.description ? (
                <p className="mt-0.5 line-clamp-2 text-zinc-500" title={w.description}>
                  {w.description}
                </p>
              ) : (
                <p className="mt-0.5 text-zinc-400 italic">No description</p>
              )}
            </>
          ),
        },
        {
          header: 'Trigger',
          width: 'w-48',
          className: 'text-zinc-700',
          // Event names have no spaces; let them wrap anywhere rather than overflow the column.
          cell: (w) => <span className="[overflow-wrap:anywhere]">{describeTrigger(w.triggerConfig)}</span>,
        },
        { header: 'Last run', width: 'w-40', cell: (w) => <LastRunCell companySlug={companySlug} workflow={w} /> },
        { header: '7 days', width: 'w-24', align: 'right', cell: (w) => <RecentRunsCell workflow={w} /> },
        {
          header: 'Version',
          width: 'w-24',
          cell: (w) => (
            <div className="flex flex-col items-start gap-1">
              {w.publishedVersion != null ? (
                <span className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-medium text-zinc-700 tabular-nums">v{w.publishedVersion}</span>
              ) : (
                <span className="rounded-md bg-amber-50 px-1.5 py-0.5 font-medium text-amber-800 ring-1 ring-amber-200 ring-inset">Draft</span>
              )}
              <span className="text-xs text-zinc-500 tabular-nums">
                {w.stepCount} step{w.stepCount === 1 ? '' : 's'}
              </span>
            </div>
          ),
        },
        { header: 'Enabled', width: 'w-28', align: 'right', cell: (w) => <EnabledSwitch companySlug={companySlug} role={role} workflow={w} /> },
      ]}
      {...list}
    />
  );
}

/** Turns the workflow on or off, saying why not to a role that may not, and what went wrong if it failed. */
function EnabledSwitch({ companySlug, role, workflow: w }: { companySlug: string; role: Role; workflow: WorkflowSummary }) {
  const setEnabled = useSetEnabled(companySlug);
  const mayEdit = can(role, 'edit_workflows');
  const errorId = `workflow-${w.id}-error`;
  const error = setEnabled.isError ? apiError(setEnabled.error).message : null;

  function toggle(next: boolean) {
    // aria-disabled rather than disabled while saving, so keyboard focus stays on the switch.
    if (setEnabled.isPending) return;
    setEnabled.mutate({ companySlug, id: w.id, enabled: next });
  }

  return (
    <div className="flex flex-col items-end gap-1.5">
      <span title={mayEdit ? undefined : `Your role (${ROLE_LABELS[role]}) can view workflows but not turn them on or off`}>
        <Switch
          data-testid="workflow-toggle"
          checked={w.isEnabled}
          onChange={toggle}
          label={`Enable ${w.name}`}
          disabled={!mayEdit}
          aria-disabled={setEnabled.isPending || undefined}
          aria-busy={setEnabled.isPending || undefined}
          aria-describedby={error ? errorId : undefined}
        />
      </span>
      {error && (
        <p id={errorId} role="alert" data-testid="workflow-row-error" className="text-right text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
