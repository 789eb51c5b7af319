/**
 * Rerun asks first: on which version (the run's own, pinned one, or the one published now), each with its number,
 * then a confirming button that says what it will start. Nothing switches version without the user seeing it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { navigate } from '../router.tsx';
import { runPath } from './paths.ts';

/** Starts the rerun and opens it. */
export function useRerun(companySlug: string, workflowId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.runs.rerun.mutationOptions({
      onSuccess: ({ runId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() });
        navigate(runPath(companySlug, workflowId, runId));
      },
    }),
  );
}

interface RerunDialogProps {
  open: boolean;
  onClose: () => void;
  companySlug: string;
  run: { id: string; workflowId: string };
}

export function RerunDialog({ open, onClose, ...rest }: RerunDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Rerun" description="A new run with the same payload as this one." data-testid="rerun-dialog">
      {open && <RerunForm onClose={onClose} {...rest} />}
    </Dialog>
  );
}

function RerunForm({ onClose, companySlug, run }: Omit<RerunDialogProps, 'open'>) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.runs.get.queryOptions({ companySlug, id: run.id }));
  const workflow = useQuery(trpc.workflows.get.queryOptions({ companySlug, id: run.workflowId }));
  const rerun = useRerun(companySlug, run.workflowId);
  const own = detail.data?.version.version;
  const published = workflow.data?.published?.version;
  const [choice, setChoice] = useState<'run' | 'published'>('run');
  const same = own !== undefined && own === published;
  const picked = choice === 'run' || same ? own : published;
  const loading = own === undefined || workflow.isPending;
  const error = detail.error ?? workflow.error ?? rerun.error;

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        rerun.mutate({ companySlug, id: run.id, version: same ? 'run' : choice });
      }}
    >
      {loading ? (
        <p className="text-sm text-zinc-500" role="status">Finding the versions…</p>
      ) : (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-zinc-800">Run which version?</legend>
          <VersionOption value="run" checked={choice === 'run' || same} onPick={setChoice} title={`Its own version, v${own}`} hint={same ? 'The version this run used; it is also the one published now.' : 'The version this run used: the same steps and settings.'} />
          {!same && published !== undefined && (
            <VersionOption value="published" checked={choice === 'published'} onPick={setChoice} title={`The published version, v${published}`} hint="What the workflow runs now, with the changes published since." />
          )}
          {published === undefined && <p className="text-xs text-zinc-500">The workflow has no published version now.</p>}
        </fieldset>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 ring-inset">
          {apiError(error).message}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" data-testid="rerun-confirm" disabled={loading || rerun.isPending}>
          {rerun.isPending ? 'Starting…' : picked !== undefined ? `Rerun on v${picked}` : 'Rerun'}
        </Button>
      </div>
    </form>
  );
}

function VersionOption({ value, checked, onPick, title, hint }: { value: 'run' | 'published'; checked: boolean; onPick: (v: 'run' | 'published') => void; title: string; hint: string }) {
  return (
    <label className={`flex cursor-pointer items-start gap-2.5 rounded-lg px-3 py-2 ring-1 ring-inset ${checked ? 'bg-orange-50 ring-orange-300' : 'ring-zinc-200 hover:bg-zinc-50'}`}>
      <input type="radio" name="rerun-version" value={value} checked={checked} onChange={() => onPick(value)} data-testid={`rerun-version-${value}`} className="mt-1 accent-orange-600" />
      <span className="flex flex-col">
        <span className="text-sm font-medium text-zinc-900">{title}</span>
        <span className="text-xs text-zinc-500">{hint}</span>
      </span>
    </label>
  );
}
