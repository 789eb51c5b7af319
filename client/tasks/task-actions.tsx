/** Claim and complete for routed tasks (approvals use the decision panel instead). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';

export function TaskActions({ companySlug, taskId, canClaim, canComplete }: { companySlug: string; taskId: string; canClaim: boolean; canComplete: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [comment, setComment] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() });
  const claim = useMutation(trpc.tasks.claim.mutationOptions({ onSuccess: refresh }));
  const complete = useMutation(trpc.tasks.complete.mutationOptions({ onSuccess: refresh }));
  const error = claim.isError ? apiError(claim.error).message : complete.isError ? apiError(complete.error).message : null;
  const busy = claim.isPending || complete.isPending;

  return (
    <div className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-zinc-900/5" data-testid="task-actions">
      {canComplete && (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={id} className="font-medium text-zinc-800">
            Note <span className="font-normal text-zinc-500">(optional, kept in the activity)</span>
          </label>
          <textarea id={id} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="task-comment" className="block w-full resize-y rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none" />
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {canClaim && (
          <Button data-testid="task-claim" disabled={busy} onClick={() => claim.mutate({ companySlug, id: taskId })}>
            {claim.isPending ? 'Claiming…' : 'Claim and start'}
          </Button>
        )}
        {canComplete && (
          <Button variant="primary" data-testid="task-complete" disabled={busy} onClick={() => complete.mutate({ companySlug, id: taskId, ...(comment.trim() ? { comment: comment.trim() } : {}) })}>
            {complete.isPending ? 'Completing…' : 'Mark done'}
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
