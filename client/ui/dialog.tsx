/**
 * A modal on the native <dialog>: showModal() makes the rest of the page inert (so focus stays inside), Esc closes
 * the dialog natively, and the browser restores focus to the opener on close.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: string;
  children: ReactNode;
  'data-testid'?: string;
}

export function Dialog({ open, onClose, title, description, children, ...rest }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const pressedOnBackdrop = useRef(false);
  const id = useId();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      el.showModal();
      el.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      // Esc closes the native dialog by itself (Chrome may even refuse a preventDefault on repeated Esc),
      // so follow the element rather than fight it: its `cancel` event comes with the key press, so the owner's state
      // is closed before anything else can happen (the `close` event is a task later: a click on the opener in
      // between was lost, as the owner still thought the dialog open); `close` covers any other native close, unless
      // it is a late one from before the dialog was opened again.
      onCancel={() => {
        if (open) onClose();
      }}
      onClose={(e) => {
        if (open && !e.currentTarget.open) onClose();
      }}
      onMouseDown={(e) => {
        pressedOnBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself. Requiring the press there too keeps a text
        // selection that ends outside the panel from closing it.
        if (e.target === e.currentTarget && pressedOnBackdrop.current) onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-xl bg-white p-0 text-zinc-900 shadow-xl ring-1 ring-zinc-900/10 backdrop:bg-zinc-900/40 backdrop:backdrop-blur-[1px]"
      data-testid={rest['data-testid']}
    >
      {open && (
        <div className="p-6">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {title}
          </h2>
          {description && (
            <p id={`${id}-description`} className="mt-1 text-zinc-500">
              {description}
            </p>
          )}
          <div className="mt-5">{children}</div>
        </div>
      )}
    </dialog>
  );
}
