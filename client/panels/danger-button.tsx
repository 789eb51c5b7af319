import type { ButtonHTMLAttributes } from 'react';
import { DISABLED_LOOK, FOCUS_RING } from '../ui/button.tsx';

/** A destructive action: red text on white, red wash on hover. */
export function DangerButton({ className = '', type = 'button', ...rest }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md bg-white px-3 py-2 text-sm font-medium text-red-700 shadow-sm ring-1 ring-red-200 ring-inset transition-colors enabled:hover:bg-red-50 ${DISABLED_LOOK} ${FOCUS_RING} ${className}`}
      {...rest}
    />
  );
}
