/** A workflow's last run in the list: its status as a link to the run, and when; or that it never ran. */
import { runPath } from '../runs/paths.ts';
import { StatusBadge } from '../runs/status-badge.tsx';
import { Link } from '../router.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import type { WorkflowSummary } from './workflow-summary.ts';

export function LastRunCell({ companySlug, workflow: w }: { companySlug: string; workflow: WorkflowSummary }) {
  if (!w.lastRunId || !w.lastRunStatus || !w.lastRunAt) return <span className="text-zinc-500">Never run</span>;
  return (
    <div data-testid="workflow-last-run" data-status={w.lastRunStatus} className="flex flex-col items-start gap-1">
      <Link to={runPath(companySlug, w.id, w.lastRunId)} aria-label={`Last run of ${w.name}`} className="max-w-full rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500">
        <StatusBadge status={w.lastRunStatus} />
      </Link>
      <span className="text-xs text-zinc-500">
        <RelativeTime value={w.lastRunAt} />
      </span>
    </div>
  );
}
