/** Workflow runs started for this product, refreshed while any is still going. */
import { useQuery } from '@tanstack/react-query';
import { RUN_STATUS_LABEL, TERMINAL_RUN_STATUSES, type RunStatus } from '../../shared/runs/status.ts';
import { apiError } from '../lib/api-errors.ts';
import { runPath } from '../lib/paths.ts';
import { Link } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { Badge, type BadgeTone } from '../ui/badge.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { ErrorState, LoadingState } from '../ui/states.tsx';

const RUN_TONE = { pending: 'neutral', running: 'info', waiting: 'warning', completed: 'success', failed: 'danger', cancelled: 'neutral' } as const satisfies Record<RunStatus, BadgeTone>;
const isTerminal = (s: string) => (TERMINAL_RUN_STATUSES as readonly string[]).includes(s);

export function ProductRuns({ companySlug, productId }: { companySlug: string; productId: string }) {
  const trpc = useTRPC();
  const runs = useQuery({
    ...trpc.products.runs.queryOptions({ companySlug, id: productId }),
    // A field-changed run starts a few seconds after the edit (the trigger waits for the burst to end).
    refetchInterval: (q) => (q.state.data?.some((r) => !isTerminal(r.status)) ? 1000 : 3000),
  });
  if (runs.isPending) return <LoadingState label="Loading runs…" />;
  if (runs.isError) return <ErrorState message={apiError(runs.error).message} onRetry={() => void runs.refetch()} />;
  if (runs.data.length === 0) return <p className="text-zinc-500">No workflow has run for this product yet.</p>;
  return (
    <ul className="divide-y divide-zinc-100 rounded-xl bg-white shadow-xs ring-1 ring-zinc-900/5" data-testid="product-runs">
      {runs.data.map((r) => (
        <li key={r.id} data-testid="product-run" data-run-id={r.id} data-status={r.status} data-workflow={r.workflowName} className="flex flex-wrap items-center gap-3 px-4 py-2.5">
          <Link to={runPath(companySlug, r.workflowId, r.id)} className="font-medium text-zinc-900 hover:text-orange-700 hover:underline" data-testid="product-run-link">
            {r.workflowName}
          </Link>
          <Badge tone={RUN_TONE[r.status as RunStatus] ?? 'neutral'}>{RUN_STATUS_LABEL[r.status as RunStatus] ?? r.status}</Badge>
          <span className="ml-auto text-xs text-zinc-500">
            started <RelativeTime value={r.createdAt} />
          </span>
        </li>
      ))}
    </ul>
  );
}
