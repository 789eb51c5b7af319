/** Runs and failures over the last 7 days; failures in red so a failing workflow stands out while scanning. */
import type { WorkflowSummary } from './workflow-summary.ts';

export function RecentRunsCell({ workflow: w }: { workflow: WorkflowSummary }) {
  return (
    <div className="flex flex-col items-end leading-tight tabular-nums">
      <span data-testid="workflow-runs-7d" className="text-zinc-800">
        {w.runs7d} run{w.runs7d === 1 ? '' : 's'}
      </span>
      <span data-testid="workflow-failures-7d" className={`text-xs ${w.failures7d > 0 ? 'font-semibold text-red-700' : 'text-zinc-500'}`}>
        {w.failures7d} failed
      </span>
    </div>
  );
}
