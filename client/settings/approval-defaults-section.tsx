/**
 * Settings → Approvals: the company's default for "Starter may not approve" on new approval steps. Steps that exist
 * keep their own setting; this only decides what a step dropped on the canvas starts with.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Switch } from '../ui/switch.tsx';

export function ApprovalDefaultsSection({ companySlug }: { companySlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const settings = useQuery(trpc.companies.settings.queryOptions({ companySlug }));
  const update = useMutation(
    trpc.companies.updateSettings.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.companies.settings.queryKey({ companySlug }), next),
    }),
  );
  const on = update.isPending ? !!update.variables?.noSelfApprovalDefault : settings.data?.noSelfApprovalDefault;
  const error = settings.isError ? apiError(settings.error).message : update.isError ? apiError(update.error).message : null;

  return (
    <section aria-labelledby={headingId} className="mb-10" data-testid="approval-defaults">
      <h2 id={headingId} className="text-lg font-semibold text-zinc-900">
        Approvals
      </h2>
      <div className="mt-3 flex max-w-2xl items-start gap-3 rounded-lg bg-white p-4 ring-1 ring-zinc-200">
        <Switch
          checked={on === true}
          disabled={on === undefined || update.isPending}
          onChange={(next) => update.mutate({ companySlug, noSelfApprovalDefault: next })}
          label="New approval steps: the starter may not approve"
          data-testid="no-self-approval-default"
          className="mt-0.5"
        />
        <div>
          <p className="font-medium text-zinc-800">New approval steps: the person who started a run may not approve it</p>
          <p className="mt-1 text-sm text-zinc-500">
            Four eyes by default. Each approval step can still turn it off (“Starter may not approve”); steps that exist keep their own setting.
          </p>
          {error && (
            <p role="alert" className="mt-2 text-sm font-medium text-red-700">
              {error}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
