/**
 * The status vocabulary on screen: one look (colour, glyph, label) per status from shared/runs/status.ts, the same
 * in run lists, on canvas nodes, in the inspector, the timeline and the inbox.
 */
import type { CSSProperties } from 'react';
import { STATUS_LOOK, type DisplayStatus } from '../../shared/runs/status.ts';
import { STATUS_ICONS } from './status-icon.tsx';

export function statusStyle(status: DisplayStatus): CSSProperties {
  const c = STATUS_LOOK[status].colour;
  return { color: c.text, backgroundColor: c.bg, boxShadow: `inset 0 0 0 1px ${c.ring}` };
}

/** A pill: glyph and label. `label` overrides the standard one ("Retrying · attempt 2"). */
export function StatusBadge({ status, label, size = 'sm', testId }: { status: DisplayStatus; label?: string; size?: 'sm' | 'md'; testId?: string }) {
  const look = STATUS_LOOK[status];
  return (
    <span
      data-testid={testId}
      data-status={status}
      title={look.description}
      style={statusStyle(status)}
      className={`inline-flex max-w-full items-center gap-1 rounded-full font-medium whitespace-nowrap ${size === 'md' ? 'px-2.5 py-1 text-sm' : 'px-2 py-0.5 text-xs'}`}
    >
      <StatusGlyph status={status} />
      <span className="truncate">{label ?? look.label}</span>
    </span>
  );
}

/** The icon alone. Still, on purpose: many live views open at once must not repaint every frame. */
export function StatusGlyph({ status, className = '' }: { status: DisplayStatus; className?: string }) {
  const Icon = STATUS_ICONS[status];
  return <Icon aria-hidden="true" className={`size-3.5 shrink-0 ${className}`} strokeWidth={2.25} />;
}

/** A small solid dot in the status colour (legends, timeline rows). */
export function StatusDot({ status }: { status: DisplayStatus }) {
  return <span aria-hidden="true" className="inline-block size-2 shrink-0 rounded-full" style={{ backgroundColor: STATUS_LOOK[status].colour.solid }} />;
}
