/**
 * Approve or reject a human gate: the same panel on the task page and the run view. A rejection needs a reason;
 * once decided, the panel shows the decision instead of the buttons.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';

export interface GateDecision {
  decision: string;
  comment: string | null;
  decidedByName: string | null;
}

interface DecisionPanelProps {
  companySlug: string;
  taskId: string;
  /** Set when the gate is decided (or timed out): shown instead of the form. */
  decided: GateDecision | null;
  /** False when the viewer's role may not decide; the panel then explains instead of offering buttons. */
  mayDecide: boolean;
  onDecided?: () => void;
}

export function DecisionPanel({ companySlug, taskId, decided, mayDecide, onDecided }: DecisionPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [comment, setComment] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const resolve = useMutation(
    trpc.gates.resolve.mutationOptions({
      onSuccess: async () => {
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.tasks.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.gates.pathKey() })]);
        onDecided?.();
      },
    }),
  );

  if (decided) {
    return (
      <div role="status" data-testid="gate-decision" data-decision={decided.decision} className={`rounded-lg px-4 py-3 ring-1 ring-inset ${decided.decision === 'approved' ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-zinc-50 text-zinc-800 ring-zinc-200'}`}>
        <p className="font-medium">
          {decided.decision === 'approved' ? 'Approved' : decided.decision === 'rejected' ? 'Rejected' : 'Closed without a decision'}
          {decided.decidedByName && ` by ${decided.decidedByName}`}
        </p>
        {decided.comment && <p className="mt-1">“{decided.comment}”</p>}
      </div>
    );
  }
  if (!mayDecide) return <p className="text-zinc-500">An approver or admin decides this approval.</p>;

  function decide(decision: 'approved' | 'rejected') {
    const text = comment.trim();
    if (decision === 'rejected' && !text) {
      setMissingReason(true);
      return;
    }
    resolve.mutate({ companySlug, taskId, decision, ...(text ? { comment: text } : {}) });
  }

  const error = missingReason ? 'Say why you reject, so the run and the requester know.' : resolve.isError ? apiError(resolve.error).message : null;
  return (
    <form className="flex flex-col gap-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-zinc-900/5" data-testid="decision-panel" onSubmit={(e) => e.preventDefault()}>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={id} className="font-medium text-zinc-800">
          Comment <span className="font-normal text-zinc-500">(required to reject)</span>
        </label>
        <textarea
          id={id}
          data-testid="gate-comment"
          rows={3}
          value={comment}
          aria-invalid={missingReason || undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setComment(e.target.value);
            setMissingReason(false);
          }}
          className="block w-full resize-y rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none aria-invalid:ring-red-400"
        />
        {error && (
          <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
            {error}
          </p>
        )}
      </div>
      <div className="flex gap-2">
        <Button variant="primary" data-testid="gate-approve" disabled={resolve.isPending} onClick={() => decide('approved')}>
          Approve
        </Button>
        <Button data-testid="gate-reject" disabled={resolve.isPending} onClick={() => decide('rejected')}>
          Reject
        </Button>
      </div>
    </form>
  );
}
