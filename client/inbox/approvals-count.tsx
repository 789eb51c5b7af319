/**
 * How many approvals wait on the signed-in user in this company, as a badge on "Approvals" in the sidebar. It is
 * always on screen, so it refreshes by itself; `compact` pins it to the icon's corner when the sidebar is folded.
 */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc.ts';

export function ApprovalsCount({ companySlug, compact = false }: { companySlug: string; compact?: boolean }) {
  const trpc = useTRPC();
  const gates = useQuery({ ...trpc.gates.list.queryOptions({ companySlug }), refetchInterval: 60_000 });
  const n = gates.data?.length ?? 0;
  if (!n) return null;
  // amber-700 on white text: the 4.5:1 contrast small text needs (amber-500 is 2.1:1).
  const place = compact ? 'absolute -top-1 -right-1 min-w-4 px-1 text-[10px] leading-4' : 'min-w-5 px-1.5 text-[11px] leading-5';
  return (
    <span data-testid="approvals-count" className={`inline-flex items-center justify-center rounded-full bg-amber-700 font-semibold text-white tabular-nums ${place}`}>
      {n}
      <span className="sr-only"> waiting</span>
    </span>
  );
}
