/** "Run now" from a runs list: pick the workflow (unless fixed), edit a sample payload as JSON, start, go watch. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { navigate } from '../router.tsx';
import { useTRPC, type RouterOutputs } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { TextAreaField } from '../ui/text-field.tsx';
import { runPath } from './paths.ts';
import { parsePayload, samplePayload } from './sample-payload.ts';

type WorkflowSummary = RouterOutputs['workflows']['list'][number];

export function RunNowDialog({ open, onClose, companySlug, workflows, fixedWorkflowId }: { open: boolean; onClose: () => void; companySlug: string; workflows: WorkflowSummary[]; fixedWorkflowId?: string }) {
  return (
    <Dialog open={open} onClose={onClose} title="Run now" description="Starts a run of the published version, with this payload as its trigger event data." data-testid="run-now-dialog">
      <RunNowForm key={String(open)} onClose={onClose} companySlug={companySlug} workflows={workflows} fixedWorkflowId={fixedWorkflowId} />
    </Dialog>
  );
}

function RunNowForm({ onClose, companySlug, workflows, fixedWorkflowId }: { onClose: () => void; companySlug: string; workflows: WorkflowSummary[]; fixedWorkflowId?: string | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runnable = workflows.filter((w) => w.publishedVersion != null);
  const [workflowId, setWorkflowId] = useState(fixedWorkflowId ?? runnable[0]?.id ?? '');
  const wf = workflows.find((w) => w.id === workflowId);
  const [text, setText] = useState(() => JSON.stringify(samplePayload(wf?.triggerConfig), null, 2));
  const [touched, setTouched] = useState(false);
  const start = useMutation(
    trpc.runs.start.mutationOptions({
      onSuccess: ({ runId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey() });
        onClose();
        navigate(runPath(companySlug, workflowId, runId));
      },
    }),
  );
  const parsed = parsePayload(text);
  const inputError = touched && 'error' in parsed ? parsed.error : undefined;

  function pick(id: string) {
    setWorkflowId(id);
    setText(JSON.stringify(samplePayload(workflows.find((w) => w.id === id)?.triggerConfig), null, 2));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if ('payload' in parsed && workflowId) start.mutate({ companySlug, workflowId, payload: parsed.payload });
  }

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
        hint="Available to expressions as event.data. Prefilled with a sample shaped like this workflow's trigger."
        rows={10}
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
      <div className="flex items-center justify-between gap-2">
        <Button variant="ghost" onClick={() => setText(JSON.stringify(samplePayload(wf?.triggerConfig), null, 2))}>
          Reset sample
        </Button>
        <div className="flex gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" data-testid="run-start" disabled={start.isPending || !workflowId}>
            {start.isPending ? 'Starting…' : 'Start run'}
          </Button>
        </div>
      </div>
    </form>
  );
}
