/** "New workflow": a name (required) and a description; the server's field errors appear under their fields. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { apiError, fieldError } from '../lib/api-errors.ts';
import { navigate } from '../router.tsx';
import { workflowsPath } from '../session.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { TEXT_LIMITS } from '../../shared/text/limits.ts';
import { fitsLimit, TextAreaField, TextField } from '../ui/text-field.tsx';

export function CreateWorkflowDialog({ companySlug, open, onClose }: { companySlug: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="New workflow" description="Give it a name now; you will add its steps in the editor." data-testid="create-dialog">
      {/* Mounted only while open, so every opening starts with an empty form. */}
      <CreateWorkflowForm companySlug={companySlug} onCancel={onClose} />
    </Dialog>
  );
}

function CreateWorkflowForm({ companySlug, onCancel }: { companySlug: string; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const create = useMutation(
    trpc.workflows.create.mutationOptions({
      async onSuccess({ id }) {
        void queryClient.invalidateQueries({ queryKey: trpc.workflows.list.queryKey({ companySlug }) });
        navigate(`${workflowsPath(companySlug)}/${encodeURIComponent(id)}`);
      },
      onError() {
        nameRef.current?.focus();
      },
    }),
  );
  const error = create.error ? apiError(create.error) : null;
  const nameError = fieldError(error, 'name');
  const descriptionError = fieldError(error, 'description');
  // Errors that belong to no field (permission, network) go above the buttons.
  const formError = error && !nameError && !descriptionError ? error.message : null;

  function submit(e: FormEvent) {
    e.preventDefault();
    // Over-long text is refused here, with the counter already red and the limit named under the field; the server
    // validates again (required, trimmed, ≤ 120) and its message comes back as a field error.
    if (!fitsLimit(name, TEXT_LIMITS.workflowName) || !fitsLimit(description, TEXT_LIMITS.workflowDescription)) {
      nameRef.current?.focus();
      return;
    }
    create.mutate({ companySlug, name, description: description.trim() || undefined });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextField
        ref={nameRef}
        label="Name"
        data-autofocus=""
        limit={TEXT_LIMITS.workflowName}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={nameError}
        placeholder="e.g. Weekly price check"
        data-testid="create-name"
      />
      <TextAreaField
        label="Description"
        hint="Optional. What it does and who relies on it."
        rows={3}
        limit={TEXT_LIMITS.workflowDescription}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={descriptionError}
      />
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200 ring-inset">
          {formError}
        </p>
      )}
      <div className="mt-1 flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={create.isPending} data-testid="create-submit">
          {create.isPending ? 'Creating…' : 'Create workflow'}
        </Button>
      </div>
    </form>
  );
}
