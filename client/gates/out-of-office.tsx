/**
 * The inbox's "out of office" strip, for people who decide approvals: whose approvals they decide for now (or soon),
 * and their own hand-over — to whom, from, until — with a button to set or change it and one to take it back.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { OutOfOfficeDialog } from './out-of-office-dialog.tsx';
import { awayText, standInText } from './out-of-office-text.ts';

export function OutOfOffice({ companySlug }: { companySlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mine = useQuery(trpc.gates.myDelegation.queryOptions({ companySlug }));
  const toMe = useQuery(trpc.gates.delegatedToMe.queryOptions({ companySlug }));
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const clear = useMutation(
    trpc.gates.delegate.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.gates.myDelegation.queryKey() });
        // "Back in office" is gone with the hand-over: focus goes to the button that sets a new one.
        opener.current?.focus();
      },
    }),
  );
  const current = mine.data ?? null;

  return (
    <section aria-label="Out of office" className="flex flex-col gap-2" data-testid="ooo">
      {toMe.data?.map((d) => (
        <p key={d.userId} className="rounded-lg bg-sky-50 px-4 py-2.5 text-sm text-sky-900 ring-1 ring-sky-200 ring-inset" data-testid="ooo-stand-in" data-user-id={d.userId}>
          {standInText(d)} Their approvals show here, marked “on behalf of”.
        </p>
      ))}
      <div className="flex flex-wrap items-center gap-3 rounded-lg bg-white px-4 py-2.5 text-sm shadow-xs ring-1 ring-zinc-900/5">
        <p className="min-w-0 flex-1 text-zinc-700" data-testid="ooo-status" data-state={current ? (current.active ? 'away' : 'scheduled') : 'in'}>
          {mine.isPending ? 'Loading…' : mine.isError ? 'Could not load your out-of-office setting.' : current ? awayText(current) : 'You decide your own approvals. Going away? Hand them to someone for a while.'}
        </p>
        {/* One button in one place whether or not a hand-over is set, so focus has somewhere stable to come back to. */}
        <Button ref={opener} onClick={() => setOpen(true)} disabled={mine.isPending || mine.isError} aria-haspopup="dialog" data-testid="ooo-open">
          {current ? 'Change…' : 'Out of office…'}
        </Button>
        {current && (
          <Button variant="ghost" onClick={() => clear.mutate({ companySlug, delegateUserId: null })} disabled={clear.isPending} data-testid="ooo-clear">
            {clear.isPending ? 'Taking back…' : 'Back in office'}
          </Button>
        )}
      </div>
      {clear.error && (
        <p role="alert" className="text-sm text-red-800">
          Could not take your approvals back: {apiError(clear.error).message}
        </p>
      )}
      <OutOfOfficeDialog companySlug={companySlug} current={current} open={open} onClose={() => setOpen(false)} />
    </section>
  );
}
