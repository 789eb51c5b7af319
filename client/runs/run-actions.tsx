/** Cancel a running run; rerun a finished one (rerun-dialog.tsx asks on which version). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isTerminalRunStatus } from '../../shared/runs/status.ts';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { RerunDialog } from './rerun-dialog.tsx';
import { RotateCw } from 'lucide-react';

export function useCancelRun(companySlug: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.runs.cancel.mutationOptions({
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.gates.list.queryKey() });
      },
    }),
  );
}

interface RunActionsProps {
  companySlug: string;
  run: { id: string; workflowId: string; status: string };
  canRun: boolean;
  compact?: boolean;
}

/** The actions a run offers in a list row or a header: Cancel while it is going, Rerun once it has finished. */
export function RunActions({ companySlug, run, canRun, compact = false }: RunActionsProps) {
  const cancel = useCancelRun(companySlug);
  const [rerunning, setRerunning] = useState(false);
  const [arming, setArming] = useState(false);
  useEffect(() => {
    if (!arming) return;
    const t = setTimeout(() => setArming(false), 4000);
    return () => clearTimeout(t);
  }, [arming]);
  const error = cancel.error;
  if (!canRun) return null;
  const finished = isTerminalRunStatus(run.status);
  const size = compact ? 'px-2 py-1 text-xs' : '';
  return (
    <span className="inline-flex items-center gap-2">
      {error && (
        <span role="alert" className="max-w-48 truncate text-xs text-red-700" title={apiError(error).message}>
          {apiError(error).message}
        </span>
      )}
      {finished ? (
        <>
          <Button className={size} data-testid="run-rerun" onClick={() => setRerunning(true)} title="Run again with the same payload, on the version you choose">
            <RotateCw aria-hidden="true" className="size-4" /> Rerun
          </Button>
          <RerunDialog open={rerunning} onClose={() => setRerunning(false)} companySlug={companySlug} run={run} />
        </>
      ) : (
        <Button
          className={`${size} ${arming ? 'bg-red-600 text-white ring-red-600 hover:bg-red-700' : 'text-red-700'}`}
          data-testid="run-cancel"
          disabled={cancel.isPending}
          aria-live="polite"
          onClick={() => {
            // Two clicks: the first arms the button for a few seconds, the second cancels.
            if (!arming) return setArming(true);
            setArming(false);
            cancel.mutate({ companySlug, id: run.id });
          }}
          onBlur={() => setArming(false)}
        >
          <span aria-hidden="true">⊘</span> {cancel.isPending ? 'Cancelling…' : arming ? 'Confirm cancel' : 'Cancel'}
        </Button>
      )}
    </span>
  );
}
