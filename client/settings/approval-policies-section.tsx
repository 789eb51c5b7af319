/**
 * Settings → Approval policies: the company's rules checked at publish ("every step of kinds … must be preceded on
 * every path by an approval with at least … levels / a level for role …"). Admins list, add, edit and remove them;
 * the whole list is saved at once (companies.setApprovalPolicies), and a draft that breaks one is marked on the canvas.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Pencil, ShieldCheck, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { ApprovalPolicy } from '../../shared/approvals/policy.ts';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button, PlusIcon } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { PolicyDialog } from './policy-dialog.tsx';
import { describePolicy } from './policy-form.ts';

type Editing = { mode: 'new' } | { mode: 'edit'; policy: ApprovalPolicy } | null;

export function ApprovalPoliciesSection({ companySlug }: { companySlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.companies.approvalPolicies.queryKey({ companySlug });
  const list = useQuery(trpc.companies.approvalPolicies.queryOptions({ companySlug }));
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<ApprovalPolicy | null>(null);
  const save = useMutation(trpc.companies.setApprovalPolicies.mutationOptions({ onSuccess: (next) => queryClient.setQueryData(key, next) }));
  const policies = list.data ?? [];

  /** Saves the list with `policy` put in place of `replacing` (or added), resolving with the server's error if any. */
  async function put(policy: ApprovalPolicy, replacing: string | null): Promise<unknown> {
    const next = replacing ? policies.map((p) => (p.id === replacing ? policy : p)) : [...policies, policy];
    try {
      await save.mutateAsync({ companySlug, policies: next });
      return null;
    } catch (err) {
      return err;
    }
  }

  return (
    <section aria-labelledby="approval-policies-heading" className="mb-10" data-testid="approval-policies">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="approval-policies-heading" className="text-lg font-semibold text-zinc-900">
            Approval policies
          </h2>
          <p className="mt-1 max-w-2xl text-zinc-500">
            Rules every workflow must follow to be published: steps of the kinds you name need an approval before them on every path. The editor marks a step that breaks one.
          </p>
        </div>
        <Button variant="primary" onClick={() => setEditing({ mode: 'new' })} disabled={!list.data} data-testid="new-policy">
          <PlusIcon />
          New policy
        </Button>
      </div>
      {list.isPending && <LoadingState label="Loading approval policies…" />}
      {list.isError && <ErrorState title="Could not load approval policies" message={apiError(list.error).message} onRetry={() => void list.refetch()} />}
      {list.data && policies.length === 0 && (
        <p className="max-w-2xl rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-5 text-sm text-zinc-500" data-testid="policies-empty">
          No policies yet: any workflow without other issues can be published.
        </p>
      )}
      {policies.length > 0 && (
        <ul className="flex max-w-3xl flex-col gap-2" aria-label="Approval policies" data-testid="policy-list">
          {policies.map((p) => (
            <li key={p.id} className="flex items-start gap-3 rounded-lg bg-white p-4 ring-1 ring-zinc-200" data-testid="policy-row" data-policy-id={p.id}>
              <ShieldCheck aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-orange-600" />
              <div className="min-w-0 flex-1">
                <p className="font-medium text-zinc-900" data-testid="policy-name">
                  {p.name}
                </p>
                <p className="mt-0.5 text-sm text-zinc-600" data-testid="policy-rule">
                  {describePolicy(p)}
                </p>
              </div>
              <div className="flex shrink-0 gap-1">
                <Button variant="ghost" onClick={() => setEditing({ mode: 'edit', policy: p })} aria-label={`Edit ${p.name}`} data-testid="edit-policy">
                  <Pencil aria-hidden="true" className="size-4" />
                  Edit
                </Button>
                <Button variant="ghost" onClick={() => setRemoving(p)} aria-label={`Remove ${p.name}`} data-testid="remove-policy">
                  <Trash2 aria-hidden="true" className="size-4" />
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <PolicyDialog
        open={editing !== null}
        policy={editing?.mode === 'edit' ? editing.policy : null}
        others={policies.filter((p) => editing?.mode !== 'edit' || p.id !== editing.policy.id)}
        onSave={(policy) => put(policy, editing?.mode === 'edit' ? editing.policy.id : null)}
        onClose={() => setEditing(null)}
      />
      <RemovePolicyDialog
        policy={removing}
        onClose={() => setRemoving(null)}
        onRemove={async (p) => {
          await save.mutateAsync({ companySlug, policies: policies.filter((q) => q.id !== p.id) });
        }}
      />
    </section>
  );
}

function RemovePolicyDialog({ policy, onClose, onRemove }: { policy: ApprovalPolicy | null; onClose: () => void; onRemove: (p: ApprovalPolicy) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function remove() {
    if (!policy) return;
    setBusy(true);
    setError(null);
    try {
      await onRemove(policy);
      onClose();
    } catch (err) {
      setError(apiError(err).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog open={policy !== null} onClose={onClose} title="Remove this policy?" description={policy ? `“${policy.name}” no longer holds for publishing. Published versions stay as they are.` : undefined} data-testid="remove-policy-dialog">
      {error && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200 ring-inset">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button variant="danger" onClick={() => void remove()} disabled={busy} data-testid="remove-policy-confirm" data-autofocus="">
          {busy ? 'Removing…' : 'Remove policy'}
        </Button>
      </div>
    </Dialog>
  );
}
