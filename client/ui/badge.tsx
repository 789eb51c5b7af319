import type { ReactNode } from 'react';

/** Tones for small status labels; every vocabulary maps its values onto these. */
export const BADGE_TONES = {
  neutral: 'bg-zinc-100 text-zinc-700 ring-zinc-200',
  info: 'bg-sky-50 text-sky-800 ring-sky-200',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-800 ring-amber-200',
  danger: 'bg-red-50 text-red-800 ring-red-200',
  accent: 'bg-orange-50 text-orange-800 ring-orange-200',
} as const;
export type BadgeTone = keyof typeof BADGE_TONES;

export function Badge({ tone = 'neutral', children, title, ...rest }: { tone?: BadgeTone; children: ReactNode; title?: string; 'data-testid'?: string }) {
  return (
    <span title={title} className={`inline-flex shrink-0 items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${BADGE_TONES[tone]}`} {...rest}>
      {children}
    </span>
  );
}
