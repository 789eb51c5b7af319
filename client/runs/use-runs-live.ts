/**
 * Keeps every cached runs list current from the company's live feed: a run's status changes in place at once
 * (one render per frame), and the lists are refetched (throttled) for what events do not carry: new runs, end
 * times. Also refreshes the approvals inbox when a gate opens or a run ends.
 */
import { useQueryClient } from '@tanstack/react-query';
import { GATE_WAITING_REASON } from '../../shared/runs/status.ts';
import { useLiveFeed, type ConnectionState, type LiveChange } from '../live/use-live-feed.ts';
import { useThrottled } from '../live/use-throttled.ts';
import { useTRPC } from '../trpc.ts';
import type { RunSummary } from './runs-table.tsx';

export function useRunsLive(companySlug: string): ConnectionState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refetchLists = useThrottled(() => void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() }), 600);
  const refetchInbox = useThrottled(() => void queryClient.invalidateQueries({ queryKey: trpc.gates.list.queryKey() }), 600);

  return useLiveFeed({ companySlug }, (changes: LiveChange[]) => {
    const runStatus = new Map<string, string>();
    let gates = false;
    for (const c of changes) {
      if (c.stepId === '' && c.runStatus) runStatus.set(c.runId, c.runStatus);
      else if (c.reason === GATE_WAITING_REASON) gates = true;
    }
    if (runStatus.size) {
      queryClient.setQueriesData<RunSummary[]>({ queryKey: trpc.runs.list.queryKey() }, (rows) =>
        rows?.map((r) => (runStatus.has(r.id) ? { ...r, status: runStatus.get(r.id) as RunSummary['status'] } : r)),
      );
      refetchLists();
      refetchInbox();
    }
    if (gates) refetchInbox();
  });
}
