/** "Run now": starts a run of the published version with a sample payload typed as JSON. */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { Link } from '../router.tsx';
import { workflowsPath } from '../session.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { TextAreaField } from '../ui/text-field.tsx';
import { useEditor } from './store.ts';

/** The payload as an object, or a sentence saying what is wrong with the text. */
export function parsePayload(text: string): { payload: Record<string, unknown> } | { error: string } {
  if (!text.trim()) return { payload: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { error: `Not valid JSON: ${err instanceof Error ? err.message : 'parse error'}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'The payload must be a JSON object, like {"amount": 120}' };
  return { payload: value as Record<string, unknown> };
}

export function RunNowButton() {
  const published = useEditor((s) => s.meta.published);
  const canRun = useEditor((s) => s.access.run);
  const hasDraftChanges = useEditor((s) => s.meta.published?.sourceRevision !== s.meta.revision);
  const [open, setOpen] = useState(false);
  const reason = !canRun ? 'Your role cannot start runs' : !published ? 'Publish first: a run uses the published version' : null;

  return (
    <>
      <span title={reason ?? 'Start a run now with a sample payload'}>
        <Button data-testid="run-now" disabled={!!reason} onClick={() => setOpen(true)}>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="currentColor">
            <path d="M4 2.5v11l9-5.5z" />
          </svg>
          Run now
        </Button>
      </span>
      {published && (
        <Dialog
          open={open}
          onClose={() => setOpen(false)}
          title="Run now"
          description={`Starts a run of version ${published.version} with this payload as its event data.${hasDraftChanges ? ' Draft changes that are not published are not part of it.' : ''}`}
          data-testid="run-now-dialog"
        >
          <RunNowForm onClose={() => setOpen(false)} />
        </Dialog>
      )}
    </>
  );
}

function RunNowForm({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const { id, companySlug } = useEditor((s) => s.meta);
  const [text, setText] = useState('{\n  \n}');
  const [touched, setTouched] = useState(false);
  const start = useMutation(trpc.runs.start.mutationOptions());
  const parsed = parsePayload(text);
  const inputError = touched && 'error' in parsed ? parsed.error : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if ('payload' in parsed) start.mutate({ companySlug, workflowId: id, payload: parsed.payload });
  }

  if (start.data) {
    const to = `${workflowsPath(companySlug)}/${encodeURIComponent(id)}/runs/${encodeURIComponent(start.data.runId)}`;
    return (
      <div className="flex flex-col gap-4" data-testid="run-started">
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-900 ring-1 ring-emerald-200 ring-inset">
          Run started: <code className="font-mono text-xs">{start.data.runId}</code>
        </p>
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Close</Button>
          <Link to={to} data-testid="run-link" className="inline-flex items-center rounded-md bg-orange-600 px-3 py-2 font-medium text-white shadow-sm hover:bg-orange-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500">
            Open the run
          </Link>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <TextAreaField
        label="Payload (JSON)"
        hint="Available to expressions as event.data"
        rows={8}
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
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" data-testid="run-start" disabled={start.isPending}>
          {start.isPending ? 'Starting…' : 'Start run'}
        </Button>
      </div>
    </form>
  );
}
