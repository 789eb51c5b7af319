/**
 * "Run now", the one dialog wherever a run can be started by hand (a runs list, the editor's header): pick the
 * workflow unless it is fixed, type the trigger event's data as JSON, start a run of the published version.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { navigate } from '../router.tsx';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { TextAreaField } from '../ui/text-field.tsx';
import { runPath } from './paths.ts';
import { parsePayload, samplePayload } from './sample-payload.ts';

/** What the dialog needs of a workflow: a list's row, or the editor's meta. */
export type RunnableWorkflow = Pick<RouterOutputs['workflows']['list'][number], 'id' | 'name' | 'publishedVersion' | 'triggerConfig'>;

interface RunNowDialogProps {
  open: boolean;
  onClose: () => void;
  companySlug: string;
  /** The workflows to choose from (those never published are left out); with `fixedWorkflowId`, the one to run. */
  workflows: readonly RunnableWorkflow[];
  fixedWorkflowId?: string | undefined;
  description?: string;
  /** Once started the run's page opens (`open-run`, the default), unless `onStarted` takes over (the editor shows it on its canvas). */
  afterStart?: 'open-run';
  onStarted?: (runId: string) => void;
  /** Prefill the payload with a sample shaped like the trigger (and offer to reset it), or start from `{ }`. */
  sample?: boolean;
}

export function RunNowDialog({ open, onClose, description = 'Starts a run of the published version, with this payload as its trigger event data.', ...form }: RunNowDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Run now" description={description} data-testid="run-now-dialog">
      <RunNowForm key={String(open)} onClose={onClose} {...form} />
    </Dialog>
  );
}

/** The play button that opens it. */
export function RunNowButton(props: Omit<ComponentProps<typeof Button>, 'children'>) {
  return (
    <Button {...props}>
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
        <path d="M4 2.5v11l9-5.5z" />
      </svg>
      Run now
    </Button>
  );
}

const EMPTY_PAYLOAD = '{\n  \n}';

function RunNowForm({ onClose, companySlug, workflows, fixedWorkflowId, onStarted, sample = true }: Omit<RunNowDialogProps, 'open' | 'description'>) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runnable = workflows.filter((w) => w.publishedVersion != null);
  const [workflowId, setWorkflowId] = useState(fixedWorkflowId ?? runnable[0]?.id ?? '');
  const wf = workflows.find((w) => w.id === workflowId);
  const sampleText = (w: RunnableWorkflow | undefined) => (sample ? JSON.stringify(samplePayload(w?.triggerConfig), null, 2) : EMPTY_PAYLOAD);
  const [text, setText] = useState(() => sampleText(wf));
  const [touched, setTouched] = useState(false);
  const start = useMutation(
    trpc.runs.start.mutationOptions({
      onSuccess: ({ runId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() });
        if (onStarted) return onStarted(runId);
        onClose();
        navigate(runPath(companySlug, workflowId, runId));
      },
    }),
  );
  const parsed = parsePayload(text);
  const inputError = touched && 'error' in parsed ? parsed.error : undefined;

  function pick(id: string) {
    setWorkflowId(id);
    setText(sampleText(workflows.find((w) => w.id === id)));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if ('payload' in parsed && workflowId) start.mutate({ companySlug, workflowId, payload: parsed.payload });
  }

  const submitButtons = (
    <div className="flex gap-2">
      <Button onClick={onClose}>Cancel</Button>
      <Button type="submit" variant="primary" data-testid="run-start" disabled={start.isPending || !workflowId}>
        {start.isPending ? 'Starting…' : 'Start run'}
      </Button>
    </div>
  );

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {!fixedWorkflowId && (
        <label className="flex flex-col gap-1.5">
          <span className="font-medium text-zinc-800">Workflow</span>
          <select data-testid="run-now-workflow" value={workflowId} onChange={(e) => pick(e.target.value)} className="rounded-md border-0 bg-white px-3 py-2 text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-orange-500 focus:outline-none">
            {runnable.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} (v{w.publishedVersion})
              </option>
            ))}
          </select>
          {runnable.length < workflows.length && <span className="text-xs text-zinc-500">Workflows never published cannot run yet.</span>}
        </label>
      )}
      <TextAreaField
        label="Payload (JSON)"
        hint={sample ? "Available to expressions as event.data. Prefilled with a sample shaped like this workflow's trigger." : 'Available to expressions as event.data'}
        rows={sample ? 10 : 8}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => setTouched(true)}
        error={inputError}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13 }}
        data-testid="run-payload"
        data-autofocus=""
      />
      {start.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200 ring-inset">
          {apiError(start.error).message}
        </p>
      )}
      {sample ? (
        <div className="flex items-center justify-between gap-2">
          <Button variant="ghost" onClick={() => setText(sampleText(wf))}>
            Reset sample
          </Button>
          {submitButtons}
        </div>
      ) : (
        <div className="flex justify-end">{submitButtons}</div>
      )}
    </form>
  );
}
