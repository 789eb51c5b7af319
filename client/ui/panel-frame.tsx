/** The side panel's frame: an icon, a title and subtitle, a close button, and a scrolling body. */
import type { ReactNode, Ref } from 'react';
import { FOCUS_RING } from './button.tsx';

interface PanelFrameProps {
  icon?: ReactNode;
  iconClass?: string;
  title: string;
  subtitle?: string;
  onClose?: () => void;
  footer?: ReactNode;
  children: ReactNode;
  'data-testid'?: string;
  ref?: Ref<HTMLElement>;
}

export function PanelFrame({ icon, iconClass = '', title, subtitle, onClose, footer, children, ref, ...rest }: PanelFrameProps) {
  return (
    <section ref={ref} aria-label={title} className="flex min-h-0 flex-1 flex-col" data-testid={rest['data-testid']}>
      <div className="flex items-start gap-3 border-b border-zinc-100 px-4 py-3">
        {icon && (
          <span aria-hidden="true" className={`flex size-9 shrink-0 items-center justify-center rounded-lg text-lg ring-1 ring-inset ${iconClass}`}>
            {icon}
          </span>
        )}
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-sm font-semibold text-zinc-900">{title}</h2>
          {subtitle && <p className="mt-0.5 text-xs leading-snug text-zinc-500">{subtitle}</p>}
        </div>
        {onClose && (
          <button type="button" onClick={onClose} aria-label="Close panel" title="Close (Esc)" className={`-mr-1 flex size-7 shrink-0 items-center justify-center rounded-md text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 ${FOCUS_RING}`}>
            <svg aria-hidden="true" viewBox="0 0 12 12" className="size-3" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
              <path d="M3 3l6 6M9 3l-6 6" />
            </svg>
          </button>
        )}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4">{children}</div>
      {footer && <div className="border-t border-zinc-100 px-4 py-3">{footer}</div>}
    </section>
  );
}
