/** The runs (or workflows) behind the chart point the user picked, each linking where it leads. */
import { useQuery } from '@tanstack/react-query';
import type { Drill } from '../../shared/metrics/drill.ts';
import { apiError } from '../lib/api-errors.ts';
import { Link } from '../router.tsx';
import { editorPath, runPath } from '../runs/paths.ts';
import { useTRPC } from '../trpc.ts';
import { ErrorState, LoadingState } from '../ui/states.tsx';

export function DrillList({ companySlug, range, point, title, onClose }: { companySlug: string; range: { from: Date; to: Date }; point: Drill; title: string; onClose: () => void }) {
  const trpc = useTRPC();
  const rows = useQuery(trpc.metrics.drill.queryOptions({ companySlug, ...range, point }));
  return (
    <section aria-label={`Runs behind ${title}`} data-testid="metrics-drill" className="mt-3 rounded-lg border border-orange-200 bg-orange-50/40 p-3">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-zinc-800">Behind {title}</h3>
        <button type="button" onClick={onClose} className="text-xs font-medium text-zinc-500 hover:text-zinc-900">
          Close
        </button>
      </div>
      {rows.isPending && <LoadingState label="Finding the runs…" />}
      {rows.isError && <ErrorState message={apiError(rows.error).message} onRetry={() => void rows.refetch()} />}
      {rows.data && rows.data.length === 0 && <p className="text-xs text-zinc-500">Nothing behind this point.</p>}
      {rows.data && rows.data.length > 0 && (
        <ul className="flex max-h-56 flex-col divide-y divide-orange-100 overflow-y-auto text-xs">
          {rows.data.map((r, i) => {
            const to = r.runId && r.workflowId ? runPath(companySlug, r.workflowId, r.runId) : r.workflowId ? editorPath(companySlug, r.workflowId) : null;
            return (
              <li key={`${r.runId ?? r.label}-${i}`} className="flex items-center gap-3 py-1.5" data-testid="metrics-drill-row">
                {to ? (
                  <Link to={to} className="min-w-0 flex-1 truncate font-medium text-orange-700 hover:underline">
                    {r.label}
                  </Link>
                ) : (
                  <span className="min-w-0 flex-1 truncate text-zinc-700">{r.label}</span>
                )}
                <span className="text-zinc-500">{r.status}</span>
                <span className="tabular-nums text-zinc-700">{r.value}</span>
                <time className="text-zinc-400" dateTime={r.at}>{new Date(r.at).toLocaleString()}</time>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
