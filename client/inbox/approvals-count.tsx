/** How many approvals wait on the signed-in user in this company, as a badge next to "Approvals". */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc.ts';

export function ApprovalsCount({ companySlug }: { companySlug: string }) {
  const trpc = useTRPC();
  const gates = useQuery({ ...trpc.gates.list.queryOptions({ companySlug }), refetchInterval: 60_000 });
  const n = gates.data?.length ?? 0;
  if (!n) return null;
  return (
    <span data-testid="approvals-count" aria-label={`${n} waiting`} className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-amber-500 px-1.5 text-[11px] leading-5 font-semibold text-white tabular-nums">
      {n}
    </span>
  );
}
