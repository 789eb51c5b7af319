import type { ComponentProps } from 'react';

/**
 * Hover only while enabled; disabled is one muted look for every variant (grey, no shadow, no colour), so a
 * read-only page never shows a button that looks as if it would do something.
 */
export const BUTTON_VARIANTS = {
  primary: 'bg-orange-600 text-white shadow-sm enabled:hover:bg-orange-700',
  secondary: 'bg-white text-zinc-800 shadow-sm ring-1 ring-inset ring-zinc-300 enabled:hover:bg-zinc-50',
  ghost: 'text-zinc-600 enabled:hover:bg-zinc-100 enabled:hover:text-zinc-900',
  /** For the confirming button of something that cannot be undone (revoking a key). */
  danger: 'bg-red-600 text-white shadow-sm enabled:hover:bg-red-700',
} as const;

/** Last in the class list, so it wins over the variant's colours. */
export const DISABLED_LOOK = 'disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-400 disabled:shadow-none disabled:ring-1 disabled:ring-inset disabled:ring-zinc-200';
export type ButtonVariant = keyof typeof BUTTON_VARIANTS;

export const FOCUS_RING = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500';

// ComponentProps (not ButtonHTMLAttributes): it carries `ref`, which React 19 passes through to the <button>.
type ButtonProps = ComponentProps<'button'> & { variant?: ButtonVariant };

export function Button({ variant = 'secondary', className = '', type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium transition-colors ${FOCUS_RING} ${BUTTON_VARIANTS[variant]} ${DISABLED_LOOK} ${className}`}
      {...rest}
    />
  );
}

export function PlusIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M8 3v10M3 8h10" />
    </svg>
  );
}
