/**
 * Publish (freeze the draft as the next version, with a message saying what changed) and Enable (arm the published
 * version's trigger). Both stay disabled while the draft has issues, and say why in their tooltip.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSaver } from '../canvas/saver-context.ts';
import { notify, useEditor, useEditorStore } from '../canvas/store.ts';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { Switch } from '../ui/switch.tsx';
import { TEXT_LIMITS } from '../../shared/text/limits.ts';
import { fitsLimit, TextField } from '../ui/text-field.tsx';

/** Matches the server's limit on a version's message. */
export const PUBLISH_MESSAGE_MAX = TEXT_LIMITS.publishMessage;

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function PublishButton() {
  const saver = useSaver();
  const store = useEditorStore();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const issues = useEditor((s) => s.issues.all.length);
  const conflict = useEditor((s) => s.save.conflict);
  const canEdit = useEditor((s) => s.access.edit);
  const slug = useEditor((s) => s.meta.companySlug);
  const upToDate = useEditor((s) => s.meta.published?.sourceRevision === s.meta.revision && s.save.state === 'saved');
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState('');

  const reason = !canEdit
    ? 'Your role cannot publish workflows'
    : issues
      ? `Fix ${plural(issues, 'issue')} before publishing`
      : conflict
        ? 'Resolve the save conflict first'
        : upToDate
          ? 'Nothing new to publish: this draft is the published version'
          : null;

  async function publish(e: FormEvent) {
    e.preventDefault();
    if (!fitsLimit(message, PUBLISH_MESSAGE_MAX)) return;
    setBusy(true);
    const r = await saver.publish(message);
    setBusy(false);
    setAsking(false);
    if (r.ok) {
      setMessage('');
      notify(store, `Published version ${r.version}`);
      void queryClient.invalidateQueries({ queryKey: trpc.workflows.list.queryKey({ companySlug: slug }) });
      void queryClient.invalidateQueries({ queryKey: trpc.versions.list.queryKey({ companySlug: slug, workflowId: store.getState().meta.id }) });
    } else {
      notify(store, r.message, 'error');
      // Refused for a policy an admin set since the editor opened: fetch them again, so the steps get marked.
      void queryClient.invalidateQueries({ queryKey: trpc.companies.approvalPolicies.queryKey({ companySlug: slug }) });
    }
  }

  return (
    <>
      <span title={reason ?? 'Publish this draft as the next version'}>
        <Button variant="primary" data-testid="publish" disabled={!!reason || busy} aria-describedby={reason ? 'publish-reason' : undefined} onClick={() => setAsking(true)}>
          {busy ? 'Publishing…' : 'Publish'}
        </Button>
        {reason && (
          <span id="publish-reason" className="sr-only">
            {reason}
          </span>
        )}
      </span>
      <Dialog
        open={asking}
        onClose={() => !busy && setAsking(false)}
        title="Publish this draft"
        description="It becomes the next version: runs started from now on use it. Runs already going keep theirs."
        data-testid="publish-dialog"
      >
        <form onSubmit={(e) => void publish(e)} className="flex flex-col gap-5">
          <TextField
            label="What changed? (optional)"
            hint="Shown in the version list, next to your name."
            placeholder="e.g. Refunds over $100 need an approval"
            value={message}
            limit={PUBLISH_MESSAGE_MAX}
            onChange={(e) => setMessage(e.target.value)}
            data-testid="publish-message"
            data-autofocus=""
            autoComplete="off"
          />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" disabled={busy} onClick={() => setAsking(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" data-testid="publish-confirm" disabled={busy}>
              {busy ? 'Publishing…' : 'Publish'}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

export function EnableSwitch() {
  const trpc = useTRPC();
  const store = useEditorStore();
  const queryClient = useQueryClient();
  const { id, companySlug, isEnabled, published } = useEditor((s) => s.meta);
  const issues = useEditor((s) => s.issues.all.length);
  const canEdit = useEditor((s) => s.access.edit);
  const setEnabled = useMutation(
    trpc.workflows.setEnabled.mutationOptions({
      onSuccess(r) {
        store.setState({ meta: { ...store.getState().meta, isEnabled: r.isEnabled } });
        notify(store, r.isEnabled ? 'Enabled: the published version now runs on its trigger' : 'Disabled: nothing starts it automatically');
        void queryClient.invalidateQueries({ queryKey: trpc.workflows.list.queryKey({ companySlug }) });
      },
      onError: (err) => notify(store, apiError(err).message, 'error'),
    }),
  );
  // Turning off is always allowed; turning on needs a published, issue-free workflow.
  const reason = !canEdit
    ? 'Your role cannot turn workflows on or off'
    : isEnabled
      ? null
      : !published
        ? 'Publish the workflow before enabling it'
        : issues
          ? `Fix ${plural(issues, 'issue')} before enabling`
          : null;

  return (
    <span className="flex items-center gap-2" title={reason ?? (isEnabled ? 'Runs on its trigger' : 'Turn on to run on its trigger')}>
      <span className="text-sm text-zinc-600">{isEnabled ? 'Enabled' : 'Disabled'}</span>
      <Switch
        data-testid="enable"
        checked={isEnabled}
        label="Enable workflow"
        disabled={!!reason}
        aria-busy={setEnabled.isPending || undefined}
        onChange={(next) => !setEnabled.isPending && setEnabled.mutate({ companySlug, id, enabled: next })}
      />
    </span>
  );
}
