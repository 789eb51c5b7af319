/** Whether live updates are flowing: a green "Live", or amber while (re)connecting. */
import type { ConnectionState } from './use-live-feed.ts';

const LOOK = {
  live: { text: 'Live', dot: 'bg-emerald-500', ring: 'text-emerald-700 bg-emerald-50 ring-emerald-200', title: 'Updates arrive as they happen' },
  connecting: { text: 'Connecting…', dot: 'bg-zinc-400', ring: 'text-zinc-600 bg-zinc-50 ring-zinc-200', title: 'Opening the live connection' },
  reconnecting: { text: 'Reconnecting…', dot: 'bg-amber-500', ring: 'text-amber-800 bg-amber-50 ring-amber-200', title: 'The live connection dropped; catching up as soon as it is back' },
} as const satisfies Record<ConnectionState, unknown>;

export function LiveIndicator({ state }: { state: ConnectionState }) {
  const l = LOOK[state];
  return (
    <span role="status" data-testid="live-indicator" data-state={state} title={l.title} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${l.ring}`}>
      <span aria-hidden="true" className="relative flex size-2">
        <span className={`relative inline-flex size-2 rounded-full ${l.dot}`} />
      </span>
      {l.text}
    </span>
  );
}
