/** Focuses the field the issues list asked for, once the panel for that step is on screen; then forgets the ask. */
import { useEffect, type RefObject } from 'react';
import { useEditor, useEditorStore } from '../canvas/store.ts';

const FOCUSABLE = 'input, textarea, select, button';

export function useFocusRequest(root: RefObject<HTMLElement | null>, stepId: string) {
  const store = useEditorStore();
  const focus = useEditor((s) => s.focus);
  useEffect(() => {
    if (!focus || focus.stepId !== stepId || !root.current) return;
    const field = focus.field ?? '__name';
    const el = root.current.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`);
    // A field made of several controls (an approval's levels) focuses the one at fault, else its first.
    const target = el && (el.matches(FOCUSABLE) ? el : (el.querySelector<HTMLElement>('[aria-invalid="true"]') ?? el.querySelector<HTMLElement>(FOCUSABLE)));
    target?.focus();
    target?.scrollIntoView({ block: 'nearest' });
    // Handled once: reopening this step later must not pull the keyboard into the form again.
    store.setState({ focus: null });
  }, [focus, stepId, root, store]);
}
