/**
 * The data of an open run: runs.get (graph, step rows, approvals) plus the live status map fed by runs.watch.
 * Statuses paint from the feed at once (one store update per frame); the details events do not carry (outputs,
 * times, errors, approvals) are refetched behind them, throttled.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLiveFeed } from '../live/use-live-feed.ts';
import { useThrottled } from '../live/use-throttled.ts';
import { useTRPC } from '../trpc.ts';
import { createRunStore, pushChanges, pushSnapshot } from './run-store.ts';

export function useRunView(companySlug: string, runId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [store] = useState(createRunStore);
  const query = useQuery({ ...trpc.runs.get.queryOptions({ companySlug, id: runId }), staleTime: 0, refetchOnWindowFocus: false });
  const data = query.data;

  useEffect(() => {
    if (data) pushSnapshot(store, { status: data.run.status, changeSeq: data.run.changeSeq }, data.steps);
  }, [store, data]);

  const refresh = useThrottled(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey({ companySlug, id: runId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.runs.attempts.queryKey({ companySlug, id: runId }) });
  }, 500);

  const connection = useLiveFeed({ companySlug, runId }, (changes) => {
    pushChanges(store, runId, changes);
    refresh();
  });

  return { store, query, connection };
}
