/**
 * "New key": a name, then the key itself, shown this once with a copy button (only its hash is kept, so it cannot
 * be shown again). Closing the dialog forgets it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { apiError, fieldError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { TEXT_LIMITS } from '../../shared/text/limits.ts';
import { fitsLimit, TextField } from '../ui/text-field.tsx';
import { CopyButton } from './copy-button.tsx';

export function CreateEventKeyDialog({ companySlug, open, onClose }: { companySlug: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="New event key" description="Name it after the system that will use it." data-testid="create-event-key-dialog">
      {/* Mounted only while open: a new opening starts empty, and a closed dialog holds no key. */}
      <CreateEventKeyForm companySlug={companySlug} onClose={onClose} />
    </Dialog>
  );
}

function CreateEventKeyForm({ companySlug, onClose }: { companySlug: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const create = useMutation(
    trpc.eventKeys.create.mutationOptions({
      onSuccess() {
        void queryClient.invalidateQueries({ queryKey: trpc.eventKeys.list.queryKey({ companySlug }) });
      },
      onError() {
        nameRef.current?.focus();
      },
    }),
  );
  const error = create.error ? apiError(create.error) : null;
  const nameError = fieldError(error, 'name');
  const formError = error && !nameError ? error.message : null;

  if (create.data) return <NewKey name={create.data.name} secret={create.data.key} onDone={onClose} />;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!fitsLimit(name, TEXT_LIMITS.eventKeyName)) return;
    create.mutate({ companySlug, name });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextField
        ref={nameRef}
        label="Name"
        data-autofocus=""
        limit={TEXT_LIMITS.eventKeyName}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={nameError}
        placeholder="e.g. ERP product feed"
        data-testid="event-key-name-input"
      />
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200 ring-inset">
          {formError}
        </p>
      )}
      <div className="mt-1 flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={create.isPending} data-testid="event-key-create">
          {create.isPending ? 'Creating…' : 'Create key'}
        </Button>
      </div>
    </form>
  );
}

function NewKey({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const keyRef = useRef<HTMLInputElement>(null);
  // The form that had focus is gone: put it on the key, selected, ready to copy.
  useEffect(() => keyRef.current?.focus(), []);
  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200 ring-inset">
        Copy the key for <span className="font-medium">{name}</span> now: Ember keeps only a fingerprint of it and cannot show it again.
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor="new-event-key" className="sr-only">
          Event key
        </label>
        <input
          ref={keyRef}
          id="new-event-key"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-900 ring-1 ring-zinc-300 ring-inset"
          data-testid="event-key-secret"
        />
        <CopyButton text={secret} label="Copy key" data-testid="copy-event-key" />
      </div>
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone} data-testid="event-key-done">
          Done
        </Button>
      </div>
    </div>
  );
}
