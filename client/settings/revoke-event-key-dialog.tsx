/** Revoking a key, after saying what it means: events sent with it are refused from then on, for good. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';

/** What the dialog needs of a key. */
export interface RevocableKey {
  id: string;
  name: string;
  prefix: string;
}

export function RevokeEventKeyDialog({ companySlug, eventKey, onClose }: { companySlug: string; eventKey: RevocableKey | null; onClose: () => void }) {
  return (
    <Dialog open={eventKey !== null} onClose={onClose} title={eventKey ? `Revoke “${eventKey.name}”?` : 'Revoke key'} data-testid="revoke-event-key-dialog">
      {eventKey && <Confirm key={eventKey.id} companySlug={companySlug} eventKey={eventKey} onClose={onClose} />}
    </Dialog>
  );
}

function Confirm({ companySlug, eventKey, onClose }: { companySlug: string; eventKey: RevocableKey; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.eventKeys.revoke.mutationOptions({
      async onSuccess() {
        await queryClient.invalidateQueries({ queryKey: trpc.eventKeys.list.queryKey({ companySlug }) });
        onClose();
      },
    }),
  );
  return (
    <div className="flex flex-col gap-4">
      <p className="text-zinc-700">
        Events sent with <code className="rounded bg-zinc-100 px-1 font-mono text-xs">{eventKey.prefix}…</code> will be refused from now on. This cannot be undone: the system
        using it will need a new key.
      </p>
      {revoke.isError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200 ring-inset">
          {apiError(revoke.error).message}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose} data-autofocus="">
          Cancel
        </Button>
        <Button variant="danger" disabled={revoke.isPending} onClick={() => revoke.mutate({ companySlug, id: eventKey.id })} data-testid="confirm-revoke">
          {revoke.isPending ? 'Revoking…' : 'Revoke key'}
        </Button>
      </div>
    </div>
  );
}
