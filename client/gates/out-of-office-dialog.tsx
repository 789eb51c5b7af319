/**
 * "Out of office": hand one's approval decisions to another member who may decide approvals, for a period. The
 * period is checked here by the same rules gates.delegate applies (shared/approvals/delegation-period.ts), so a
 * mistake is shown under its field before anything is sent; what the server still refuses lands under its field too.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { MAX_DELEGATION_DAYS, periodProblems, type PeriodProblem } from '../../shared/approvals/delegation-period.ts';
import { can } from '../../shared/roles.ts';
import { ROLE_LABELS } from '../layout/role-badge.tsx';
import { apiError, fieldError } from '../lib/api-errors.ts';
import { useMe } from '../session.ts';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { SelectField } from '../ui/select-field.tsx';
import { TextField } from '../ui/text-field.tsx';
import { fromLocalInput, toLocalInput } from './out-of-office-text.ts';

export type MyDelegation = RouterOutputs['gates']['myDelegation'];

export function OutOfOfficeDialog({ companySlug, current, open, onClose }: { companySlug: string; current: MyDelegation; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Out of office" description="While you are away, someone else decides your approvals: their votes count as yours, and the run's trail names you both." data-testid="ooo-dialog">
      {/* Mounted only while open: each opening starts from what is set now. */}
      <OutOfOfficeForm companySlug={companySlug} current={current} onDone={onClose} />
    </Dialog>
  );
}

function OutOfOfficeForm({ companySlug, current, onDone }: { companySlug: string; current: MyDelegation; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const fields = { delegate: useRef<HTMLSelectElement>(null), from: useRef<HTMLInputElement>(null), until: useRef<HTMLInputElement>(null) };
  const me = useMe();
  const members = useQuery(trpc.members.list.queryOptions({ companySlug }));
  // Only people who may decide approvals: gates.resolve refuses anyone else, so nobody else could stand in.
  const candidates = (members.data ?? []).filter((m) => m.userId !== me.data?.user?.id && can(m.role, 'resolve_gates'));
  const [delegate, setDelegate] = useState(current?.userId ?? '');
  const [from, setFrom] = useState(current && !current.active ? toLocalInput(new Date(current.startsAt)) : '');
  const [until, setUntil] = useState(current ? toLocalInput(new Date(current.endsAt)) : '');
  const [shown, setShown] = useState<{ delegate?: string; problems: PeriodProblem[] } | null>(null);
  const save = useMutation(
    trpc.gates.delegate.mutationOptions({
      onSuccess: async () => {
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.gates.myDelegation.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.gates.delegatedToMe.queryKey() })]);
        onDone();
      },
    }),
  );
  const err = save.error ? apiError(save.error) : null;
  const problem = (field: PeriodProblem['field']) => shown?.problems.find((p) => p.field === field)?.message ?? fieldError(err, field);
  const delegateError = shown?.delegate ?? fieldError(err, 'delegateUserId');
  const formError = err && !delegateError && !fieldError(err, 'from') && !fieldError(err, 'until') ? err.message : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    save.reset();
    const start = fromLocalInput(from);
    const end = fromLocalInput(until);
    const problems: PeriodProblem[] = [];
    if (from && !start) problems.push({ field: 'from', message: 'Give a date and time, or leave it empty to start now' });
    if (!end) problems.push({ field: 'until', message: 'Say until when' });
    else problems.push(...periodProblems({ from: start ?? undefined, until: end }, new Date()));
    const next = { delegate: delegate ? undefined : 'Choose who decides for you', problems };
    setShown(next);
    if (next.delegate || problems.length || !end) {
      // Focus goes to the first field to fix, so a keyboard or screen-reader user lands where the message is.
      const first = next.delegate ? 'delegate' : problems.some((p) => p.field === 'from') ? 'from' : 'until';
      fields[first].current?.focus();
      return;
    }
    save.mutate({ companySlug, delegateUserId: delegate, ...(start ? { from: start.toISOString() } : {}), until: end.toISOString() });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <SelectField
        ref={fields.delegate}
        label="Who decides for you"
        value={delegate}
        onChange={(e) => setDelegate(e.target.value)}
        options={[{ value: '', label: members.isPending ? 'Loading members…' : 'Choose a person' }, ...candidates.map((m) => ({ value: m.userId, label: `${m.name} · ${ROLE_LABELS[m.role]}` }))]}
        aria-invalid={delegateError ? true : undefined}
        aria-describedby={delegateError ? `${id}-delegate-error` : undefined}
        data-autofocus=""
        data-testid="ooo-delegate"
      />
      {delegateError && (
        <p id={`${id}-delegate-error`} className="-mt-3 text-xs font-medium text-red-700" data-field-error="">
          {delegateError}
        </p>
      )}
      {members.isError && <p className="-mt-3 text-xs text-amber-700">Could not load the members of the company.</p>}
      {members.data && candidates.length === 0 && <p className="-mt-3 text-xs text-zinc-600">Nobody else here may decide approvals: ask an admin to make someone an approver.</p>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField ref={fields.from} type="datetime-local" label="From" hint="Empty: starting now" value={from} onChange={(e) => setFrom(e.target.value)} error={problem('from')} data-testid="ooo-from" />
        <TextField ref={fields.until} type="datetime-local" label="Until" hint={`At most ${MAX_DELEGATION_DAYS} days`} min={toLocalInput(new Date())} value={until} onChange={(e) => setUntil(e.target.value)} error={problem('until')} data-testid="ooo-until" />
      </div>
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200 ring-inset" data-testid="ooo-error">
          {formError}
        </p>
      )}
      <div className="mt-1 flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={save.isPending} data-testid="ooo-save">
          {save.isPending ? 'Saving…' : 'Hand over my approvals'}
        </Button>
      </div>
    </form>
  );
}
