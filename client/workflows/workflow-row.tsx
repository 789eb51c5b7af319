import { can, type Role } from '../../shared/roles.ts';
import { describeTrigger } from '../../shared/workflows/trigger-config.ts';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import { apiError } from '../lib/api-errors.ts';
import { Link } from '../router.tsx';
import { workflowsPath } from '../session.ts';
import { RelativeTime } from '../ui/relative-time.tsx';
import { Switch } from '../ui/switch.tsx';
import { useSetEnabled } from './use-set-enabled.ts';
import type { WorkflowSummary } from './workflow-table.tsx';

interface WorkflowRowProps {
  companySlug: string;
  role: Role;
  workflow: WorkflowSummary;
}

export function WorkflowRow({ companySlug, role, workflow: w }: WorkflowRowProps) {
  const setEnabled = useSetEnabled(companySlug);
  const mayEdit = can(role, 'edit_workflows');
  const errorId = `workflow-${w.id}-error`;
  const error = setEnabled.isError ? apiError(setEnabled.error).message : null;
  const trigger = describeTrigger(w.triggerConfig);

  function toggle(next: boolean) {
    // aria-disabled rather than disabled while saving, so keyboard focus stays on the switch.
    if (setEnabled.isPending) return;
    setEnabled.mutate({ companySlug, id: w.id, enabled: next });
  }

  return (
    <tr data-testid="workflow-row" data-workflow-id={w.id} className="align-top transition-colors hover:bg-zinc-50/70">
      <td className="px-4 py-3.5">
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
      </td>
      <td className="px-4 py-3.5 text-zinc-700">
        {/* Event names have no spaces; let them wrap anywhere rather than overflow the column. */}
        <span className="[overflow-wrap:anywhere]">
          {trigger}
        </span>
      </td>
      <td className="px-4 py-3.5 text-right text-zinc-700 tabular-nums">{w.stepCount}</td>
      <td className="px-4 py-3.5">
        {w.publishedVersion != null ? (
          <span className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-medium text-zinc-700 tabular-nums">v{w.publishedVersion}</span>
        ) : (
          <span className="rounded-md bg-amber-50 px-1.5 py-0.5 font-medium text-amber-800 ring-1 ring-amber-200 ring-inset">Draft</span>
        )}
      </td>
      <td className="px-4 py-3.5 whitespace-nowrap text-zinc-500">
        <RelativeTime value={w.updatedAt} />
      </td>
      <td className="px-4 py-3.5">
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
      </td>
    </tr>
  );
}
