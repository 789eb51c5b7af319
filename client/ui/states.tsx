/** The three non-happy states every data view needs, styled the same everywhere. */
import type { ReactNode } from 'react';
import { Link } from '../router.tsx';
import { Button } from './button.tsx';

export function LoadingState({ label = 'Loading…', children }: { label?: string; children?: ReactNode }) {
  return (
    <div aria-busy="true" aria-live="polite" className="flex flex-col gap-3">
      <span className="sr-only">{label}</span>
      {children ?? <p className="text-zinc-500">{label}</p>}
    </div>
  );
}

export function ErrorState({ title = 'Something went wrong', message, onRetry }: { title?: string; message: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-5 py-4">
      <p className="font-medium text-red-900">{title}</p>
      <p className="mt-1 text-red-800">{message}</p>
      {onRetry && (
        <Button className="mt-3" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}

/**
 * Something the address names does not exist (deleted, or a wrong link): said once, with the way back — retrying
 * would find nothing either.
 */
export function NotFoundState({ title, message, back }: { title: string; message: string; back: { to: string; label: string } }) {
  return (
    <div role="alert" className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-14 text-center" data-testid="not-found">
      <p className="text-base font-semibold text-zinc-900">{title}</p>
      <p className="mt-1 max-w-sm text-zinc-500">{message}</p>
      <Link to={back.to} className="mt-5 rounded-sm font-medium text-orange-700 hover:underline focus-visible:outline-2 focus-visible:outline-orange-500" data-testid="not-found-back">
        ← {back.label}
      </Link>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-14 text-center">
      <p className="text-base font-semibold text-zinc-900">{title}</p>
      {children && <div className="mt-1 max-w-sm text-zinc-500">{children}</div>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}

/** A grey bar that stands in for text while it loads. */
export function Skeleton({ className = '' }: { className?: string }) {
  return <span className={`block animate-pulse rounded bg-zinc-200 ${className}`} />;
}
