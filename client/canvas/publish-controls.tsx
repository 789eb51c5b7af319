/**
 * Publish (freeze the draft as the next version) and Enable (arm the published version's trigger). Both stay
 * disabled while the draft has issues, and say why in their tooltip.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiError } from '../lib/api-errors.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Switch } from '../ui/switch.tsx';
import { useSaver } from './saver-context.ts';
import { useEditor, useEditorStore } from './store.ts';

export type Notify = (text: string, tone?: 'success' | 'error') => void;

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function PublishButton({ notify }: { notify: Notify }) {
  const saver = useSaver();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const issues = useEditor((s) => s.issues.all.length);
  const conflict = useEditor((s) => s.save.conflict);
  const canEdit = useEditor((s) => s.access.edit);
  const slug = useEditor((s) => s.meta.companySlug);
  const upToDate = useEditor((s) => s.meta.published?.sourceRevision === s.meta.revision && s.save.state === 'saved');
  const [busy, setBusy] = useState(false);

  const reason = !canEdit
    ? 'Your role cannot publish workflows'
    : issues
      ? `Fix ${plural(issues, 'issue')} before publishing`
      : conflict
        ? 'Resolve the save conflict first'
        : upToDate
          ? 'Nothing new to publish: this draft is the published version'
          : null;

  async function publish() {
    setBusy(true);
    const r = await saver.publish();
    setBusy(false);
    if (r.ok) {
      notify(`Published version ${r.version}`);
      void queryClient.invalidateQueries({ queryKey: trpc.workflows.list.queryKey({ companySlug: slug }) });
    } else notify(r.message, 'error');
  }

  return (
    <span title={reason ?? 'Publish this draft as the next version'}>
      <Button variant="primary" data-testid="publish" disabled={!!reason || busy} aria-describedby={reason ? 'publish-reason' : undefined} onClick={() => void publish()}>
        {busy ? 'Publishing…' : 'Publish'}
      </Button>
      {reason && (
        <span id="publish-reason" className="sr-only">
          {reason}
        </span>
      )}
    </span>
  );
}

export function EnableSwitch({ notify }: { notify: Notify }) {
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
        notify(r.isEnabled ? 'Enabled: the published version now runs on its trigger' : 'Disabled: nothing starts it automatically');
        void queryClient.invalidateQueries({ queryKey: trpc.workflows.list.queryKey({ companySlug }) });
      },
      onError: (err) => notify(apiError(err).message, 'error'),
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
