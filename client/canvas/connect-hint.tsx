/** Says why a connection (or a copy) was refused, next to the canvas, then fades after a few seconds. */
import { useEffect } from 'react';
import { useEditor, useEditorStore } from './store.ts';

export const HINT_MS = 4000;

export function ConnectHint() {
  const store = useEditorStore();
  const hint = useEditor((s) => s.hint);

  useEffect(() => {
    if (!hint) return;
    const t = setTimeout(() => {
      if (store.getState().hint?.id === hint.id) store.setState({ hint: null });
    }, HINT_MS);
    return () => clearTimeout(t);
  }, [hint, store]);

  return (
    <div role="status" aria-live="polite" className="pointer-events-none">
      {hint && (
        <p data-testid="connect-refusal" className="flex items-center gap-2 rounded-lg bg-zinc-900/90 px-3 py-2 text-sm text-white shadow-lg">
          <span aria-hidden="true" className="flex size-4 items-center justify-center rounded-full bg-red-500 text-[10px] font-bold">
            !
          </span>
          {hint.message}
        </p>
      )}
    </div>
  );
}
