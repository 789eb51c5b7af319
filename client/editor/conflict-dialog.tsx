/** Someone else saved first: take their version (dropping ours), or save ours over it. */
import { useState } from 'react';
import { useSaver } from '../canvas/saver-context.ts';
import { Button } from '../ui/button.tsx';
import { Dialog } from '../ui/dialog.tsx';

export function ConflictDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const saver = useSaver();
  const [busy, setBusy] = useState<null | 'reload' | 'overwrite'>(null);

  async function choose(choice: 'reload' | 'overwrite') {
    setBusy(choice);
    const ok = await saver.resolveConflict(choice);
    setBusy(null);
    if (ok) onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="This workflow changed elsewhere"
      description="Someone else saved it after you opened it (maybe you, in another tab). Autosave is paused until you choose."
      data-testid="conflict-dialog"
    >
      <ul className="flex flex-col gap-2 text-zinc-600">
        <li>
          <span className="font-medium text-zinc-800">Reload</span> shows their version. Your changes since your last save are discarded.
        </li>
        <li>
          <span className="font-medium text-zinc-800">Overwrite</span> saves your version on top of theirs. Their changes are replaced.
        </li>
      </ul>
      <div className="mt-6 flex justify-end gap-2">
        <Button data-testid="conflict-reload" data-autofocus="" disabled={busy !== null} onClick={() => void choose('reload')}>
          {busy === 'reload' ? 'Reloading…' : 'Reload their version'}
        </Button>
        <Button variant="primary" data-testid="conflict-overwrite" disabled={busy !== null} onClick={() => void choose('overwrite')}>
          {busy === 'overwrite' ? 'Saving…' : 'Overwrite with mine'}
        </Button>
      </div>
    </Dialog>
  );
}
