/** Asks before a published version replaces the draft, then restores it through the saver. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSaver } from '../canvas/saver-context.ts';
import { notify, useEditor, useEditorStore } from '../canvas/store.ts';
import { useTRPC } from '../trpc.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import type { VersionSummary } from './use-versions.ts';

export function RestoreDialog({ version, onClose, onRestored }: { version: VersionSummary | null; onClose: () => void; onRestored: () => void }) {
  const saver = useSaver();
  const store = useEditorStore();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const slug = useEditor((s) => s.meta.companySlug);
  const [busy, setBusy] = useState(false);

  async function restore(v: VersionSummary) {
    setBusy(true);
    const r = await saver.restore(v.id);
    setBusy(false);
    onClose();
    if (!r.ok) return notify(store, r.message, 'error');
    notify(store, `Restored version ${v.version} into the draft. Publish to make it the running version.`);
    onRestored();
    void queryClient.invalidateQueries({ queryKey: trpc.workflows.list.queryKey({ companySlug: slug }) });
  }

  return (
    <Dialog
      open={version !== null}
      onClose={() => !busy && onClose()}
      title={version ? `Restore version ${version.version}?` : 'Restore'}
      description="Its steps, connections and trigger replace the draft. The published version does not change until you publish."
      data-testid="restore-dialog"
    >
      {version?.message && <p className="mb-3 rounded-md bg-zinc-50 px-3 py-2 text-zinc-700">“{version.message}”</p>}
      <p className="text-zinc-600">Changed your mind afterwards? Undo (Ctrl/⌘+Z) brings the current draft's steps back.</p>
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="ghost" disabled={busy} onClick={onClose}>
          Cancel
        </Button>
        <Button variant="primary" data-testid="restore-confirm" data-autofocus="" disabled={busy || !version} onClick={() => version && void restore(version)}>
          {busy ? 'Restoring…' : 'Restore into the draft'}
        </Button>
      </div>
    </Dialog>
  );
}
