/** Saved / saving / unsaved / error, always visible in the header; an error offers Retry (or the conflict choice). */
import { useSaver } from '../canvas/saver-context.ts';
import { useEditor, type SaveState as State } from '../canvas/store.ts';
import { FOCUS_RING } from '../ui/button.tsx';

const STYLE = {
  saved: { dot: 'bg-emerald-500', text: 'text-zinc-500', label: 'All changes saved' },
  saving: { dot: 'bg-amber-400 animate-pulse', text: 'text-zinc-500', label: 'Saving your changes' },
  unsaved: { dot: 'bg-zinc-400', text: 'text-zinc-500', label: 'Changes not saved yet (Ctrl/⌘+S saves now)' },
  error: { dot: 'bg-red-500', text: 'text-red-700', label: 'Changes could not be saved' },
} as const satisfies Record<State, { dot: string; text: string; label: string }>;

export function SaveStateIndicator({ onResolveConflict }: { onResolveConflict: () => void }) {
  const saver = useSaver();
  const save = useEditor((s) => s.save);
  const style = STYLE[save.state];
  return (
    <div className="flex items-center gap-2 text-sm" title={save.message ?? style.label}>
      <span aria-hidden="true" className={`size-2 rounded-full ${style.dot}`} />
      {/* The text is the state's name (tests and screen readers read it); CSS capitalises it. */}
      <span data-testid="save-state" data-state={save.state} role="status" aria-label={save.message ?? style.label} className={`capitalize ${style.text}`}>
        {save.state}
      </span>
      {save.state === 'error' && (
        <button
          type="button"
          onClick={() => (save.conflict ? onResolveConflict() : void saver.flush())}
          className={`rounded font-medium text-orange-700 hover:underline ${FOCUS_RING}`}
        >
          {save.conflict ? 'Resolve…' : 'Retry'}
        </button>
      )}
    </div>
  );
}
