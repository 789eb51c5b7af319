/**
 * A waiting approval, decided in place: its instructions, who it waits on and its deadline, the run's data so far,
 * and Approve / Reject with a comment (required to reject). The decision goes through gates.resolve; the run then
 * continues live for everyone watching it. Used by the run view's side panel and by the approvals inbox.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { stepPath } from '../../shared/cel/references.ts';
import { apiError, fieldError } from '../lib/api-errors.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { GateChain } from './gate-chain.tsx';
import { JsonView } from './json-view.tsx';
import { SlaChip } from './sla-chip.tsx';
import { Check, Lock, X } from 'lucide-react';

// Where the inbox and the run overview have always imported it from.
export { SlaChip };

export type RunDetail = RouterOutputs['runs']['get'];

const DECIDE = `inline-flex flex-1 items-center justify-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed ${FOCUS_RING}`;
export type RunGate = RunDetail['gates'][number];

export function GateDecision({ companySlug, run, gate, onDecided }: { companySlug: string; run: RunDetail; gate: RunGate; onDecided?: (decision: string) => void }) {
  return (
    <div className="flex flex-col gap-4" data-testid="gate-panel" data-task-id={gate.taskId}>
      <div>
        <p className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">Instructions</p>
        <p className="mt-1 whitespace-pre-wrap text-zinc-800" data-testid="gate-instructions">
          {gate.instructions || 'No instructions were given.'}
        </p>
      </div>
      <GateFacts gate={gate} />
      <GateChain gate={gate} people={run.people} />
      {gate.open ? <DecisionForm companySlug={companySlug} gate={gate} onDecided={onDecided} /> : <Decided gate={gate} />}
      <DataSoFar run={run} />
    </div>
  );
}

function GateFacts({ gate }: { gate: RunGate }) {
  return (
    <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-1.5 text-sm">
      <dt className="text-zinc-500">Waiting on</dt>
      <dd className="text-zinc-800">{gate.assigneeName ?? (gate.assigneeRole ? `any ${gate.assigneeRole}` : 'any approver')}</dd>
      <dt className="text-zinc-500">Opened</dt>
      <dd className="text-zinc-800">
        <RelativeTime value={gate.createdAt} />
      </dd>
      {gate.open && (
        <>
          <dt className="text-zinc-500">SLA</dt>
          <dd>
            <SlaChip dueAt={gate.dueAt} />
          </dd>
        </>
      )}
    </dl>
  );
}

/** What the run knows so far: the trigger's data, then each completed step's output. */
export function DataSoFar({ run }: { run: RunDetail }) {
  const names = new Map(run.version.graph.steps.map((s) => [s.id, s]));
  const done = run.steps.filter((s) => s.status === 'completed' && names.get(s.stepId)?.type !== 'trigger' && s.output != null);
  return (
    <div className="flex flex-col gap-2" data-testid="gate-data">
      <p className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">The run's data so far</p>
      <div>
        <p className="mb-1 text-xs font-medium text-zinc-600">
          Trigger event data <span className="font-mono font-normal text-zinc-400">event.data</span>
        </p>
        <JsonView value={run.run.triggerPayload} />
      </div>
      {done.length > 0 && (
        <ul className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200">
          {done.map((s) => (
            <li key={s.stepId}>
              <details className="group">
                <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-2 text-sm select-none hover:bg-zinc-50">
                  <span aria-hidden="true" className="text-zinc-400 transition-transform group-open:rotate-90">›</span>
                  <span className="min-w-0 flex-1 truncate font-medium text-zinc-800">{names.get(s.stepId)?.name ?? s.stepId}</span>
                  <span className="max-w-[55%] truncate font-mono text-xs text-zinc-400" title={JSON.stringify(s.output)}>
                    {preview(s.output)}
                  </span>
                </summary>
                <div className="px-3 pb-3">
                  <p className="mb-1 font-mono text-xs text-zinc-400">{stepPath(s.stepId)}</p>
                  <JsonView value={s.output} />
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One line of an output, for the collapsed row. */
function preview(v: unknown): string {
  const text = JSON.stringify(v) ?? '';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function Decided({ gate }: { gate: RunGate }) {
  if (!gate.decision) {
    return <p className="rounded-lg bg-zinc-50 px-3 py-2 text-sm text-zinc-600 ring-1 ring-zinc-200 ring-inset">This approval closed without a decision ({gate.status}).</p>;
  }
  const approved = gate.decision === 'approved';
  return (
    <div data-testid="gate-decided" data-decision={gate.decision} className={`rounded-lg px-3 py-2.5 text-sm ring-1 ring-inset ${approved ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-rose-50 text-rose-900 ring-rose-200'}`}>
      <p className="font-medium">
        {approved ? <Check aria-hidden="true" className="mr-1 inline size-4 align-[-3px]" /> : <X aria-hidden="true" className="mr-1 inline size-4 align-[-3px]" />}
        {approved ? 'Approved' : 'Rejected'}
        {gate.decidedByName ? ` by ${gate.decidedByName}` : gate.comment === 'timed out' ? ' when it timed out' : ''}
        {gate.decidedAt && (
          <span className="font-normal opacity-80">
            {' '}
            · <RelativeTime value={gate.decidedAt} />
          </span>
        )}
      </p>
      {gate.comment && <p className="mt-1 whitespace-pre-wrap opacity-90">“{gate.comment}”</p>}
    </div>
  );
}

function DecisionForm({ companySlug, gate, onDecided }: { companySlug: string; gate: RunGate; onDecided?: ((decision: string) => void) | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [comment, setComment] = useState('');
  const [needComment, setNeedComment] = useState(false);
  // Deciding as oneself when allowed, otherwise as the first person away who handed their approvals to the viewer.
  const [as, setAs] = useState<string | null>(gate.decideAs[0]?.name ? gate.decideAs[0].id : null);
  const resolve = useMutation(
    trpc.gates.resolve.mutationOptions({
      // The panel then speaks of the chain as the vote left it (the next level open, or others still to decide at
      // this one), so the run and the inbox are read again before the mutation counts as done.
      onSuccess: async (res) => {
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.gates.list.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey() })]);
        onDecided?.(res.decision);
      },
      onError: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.gates.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.runs.get.queryKey() });
      },
    }),
  );
  const err = resolve.error ? apiError(resolve.error) : null;
  const commentError = needComment ? 'Say why you reject: the comment is required.' : fieldError(err, 'comment');

  function decide(decision: 'approved' | 'rejected') {
    if (decision === 'rejected' && !comment.trim()) {
      setNeedComment(true);
      document.getElementById(`${id}-comment`)?.focus();
      return;
    }
    setNeedComment(false);
    // The level shown goes along: a click that lands after that level closed is not counted at the next one.
    resolve.mutate({ companySlug, taskId: gate.taskId, decision, level: gate.chain.level, ...(as ? { onBehalfOf: as } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) });
  }

  // Before "blocked": once the viewer has voted on a chain's level, the gate is no longer theirs to decide, and what
  // they need to read is that their vote counted and what the approval waits on now.
  if (resolve.data) {
    const approved = resolve.data.decision === 'approved';
    const now = gate.open ? gate.chain.levels[gate.chain.level] : undefined;
    const after = !now ? 'The run continues.' : now.index === resolve.variables?.level ? `Waiting on the others at ${now.name}.` : `${now.name} decides next.`;
    return (
      <p role="status" data-testid="gate-decided" data-decision={resolve.data.decision} className={`rounded-lg px-3 py-2.5 text-sm font-medium ring-1 ring-inset ${approved ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-rose-50 text-rose-900 ring-rose-200'}`}>
        {approved ? <Check aria-hidden="true" className="mr-1 inline size-4 align-[-3px]" /> : <X aria-hidden="true" className="mr-1 inline size-4 align-[-3px]" />}
        {approved ? 'Approved' : 'Rejected'}. {after}
      </p>
    );
  }
  if (gate.blocked) {
    return (
      <p data-testid="gate-blocked" className="rounded-lg bg-zinc-50 px-3 py-2.5 text-sm text-zinc-700 ring-1 ring-zinc-200 ring-inset">
        <Lock aria-hidden="true" className="mr-1.5 inline size-4 align-[-3px]" />
        {gate.blocked}. The run continues when an approver decides.
      </p>
    );
  }
  return (
    <form onSubmit={(e: FormEvent) => e.preventDefault()} noValidate className="flex flex-col gap-3 rounded-lg bg-zinc-50/80 p-3 ring-1 ring-zinc-200 ring-inset">
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-comment`} className="text-sm font-medium text-zinc-800">
          Comment <span className="font-normal text-zinc-500">(required to reject)</span>
        </label>
        <textarea
          id={`${id}-comment`}
          data-testid="gate-comment"
          rows={3}
          value={comment}
          onChange={(e) => {
            setComment(e.target.value);
            if (e.target.value.trim()) setNeedComment(false);
          }}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={commentError ? `${id}-error` : undefined}
          placeholder="What you checked, or what must change"
          className="block w-full resize-y rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-orange-500 focus:outline-none aria-invalid:ring-red-400"
        />
        {commentError && (
          <p id={`${id}-error`} className="text-xs font-medium text-red-700" data-field-error="">
            {commentError}
          </p>
        )}
      </div>
      {err && !fieldError(err, 'comment') && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 ring-inset">
          {err.message}
        </p>
      )}
      {gate.decideAs.some((p) => p.name) && (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-as`} className="text-sm font-medium text-zinc-800">Decide as</label>
          <select id={`${id}-as`} data-testid="gate-decide-as" value={as ?? ''} onChange={(e) => setAs(e.target.value || null)} className="rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-zinc-300 ring-inset">
            {gate.decideAs.map((p) => (
              <option key={p.id} value={p.name ? p.id : ''}>{p.name ? `On behalf of ${p.name}` : 'Myself'}</option>
            ))}
          </select>
        </div>
      )}
      <div className="flex gap-2">
        <button type="button" className={`${DECIDE} bg-emerald-600 text-white shadow-sm hover:bg-emerald-700 disabled:bg-emerald-600/50`} data-testid="gate-approve" disabled={resolve.isPending} onClick={() => decide('approved')}>
          <Check aria-hidden="true" className="size-4" /> Approve
        </button>
        <button type="button" className={`${DECIDE} bg-white text-rose-700 shadow-sm ring-1 ring-rose-300 ring-inset hover:bg-rose-50 disabled:text-rose-300`} data-testid="gate-reject" disabled={resolve.isPending} onClick={() => decide('rejected')}>
          <X aria-hidden="true" className="size-4" /> Reject
        </button>
      </div>
    </form>
  );
}
