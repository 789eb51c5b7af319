/**
 * Turning a workflow on or off, optimistically: the list shows the new state at once and goes back to the old
 * one if the server refuses (e.g. "Publish the workflow before enabling it").
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../trpc.ts';

export function useSetEnabled(companySlug: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.workflows.list.queryKey({ companySlug });

  function patch(id: string, isEnabled: boolean) {
    queryClient.setQueryData(listKey, (rows) => rows?.map((w) => (w.id === id ? { ...w, isEnabled } : w)));
  }

  return useMutation(
    trpc.workflows.setEnabled.mutationOptions({
      async onMutate({ id, enabled }) {
        // A refetch landing now would overwrite the optimistic value with the old one.
        await queryClient.cancelQueries({ queryKey: listKey });
        patch(id, enabled);
      },
      onError(_err, { id, enabled }) {
        // Roll back only this row: a snapshot of the whole list would also undo other rows toggled meanwhile.
        patch(id, !enabled);
      },
      async onSettled() {
        // Refetch once the last toggle in flight settles, so an earlier response cannot undo a later optimistic value.
        if (queryClient.isMutating({ mutationKey: trpc.workflows.setEnabled.mutationKey() }) <= 1) {
          await queryClient.invalidateQueries({ queryKey: listKey });
        }
      },
    }),
  );
}
