/** A task's activity log in plain words: created, routed, assigned, claimed, escalated, merged, closed. */
import type { RouterOutputs } from '../trpc.ts';
import { RelativeTime } from '../ui/relative-time.tsx';

type Activity = RouterOutputs['tasks']['get']['activity'][number];

function describe(a: Activity): string {
  const d = a.data;
  switch (a.type) {
    case 'created':
      return 'Created';
    case 'routed':
      return `Classified as ${String(d.category ?? 'unknown').replaceAll('_', ' ')}${d.fallback ? ' (no assignment rule matched)' : ''}`;
    case 'assigned':
      return `Assigned to ${a.toName ?? 'someone'}${typeof d.reason === 'string' ? ` — ${d.reason}` : ''}`;
    case 'claimed':
      return `${a.actorName ?? 'Someone'} took it and started`;
    case 'escalated':
      return `Escalated to level ${String(d.level)} (${String(d.reason)})${a.toName ? `, now with ${a.toName}` : ''}`;
    case 'merged':
      return 'Merged into an open task about the same problem';
    case 'comment':
      return typeof d.text === 'string' ? d.text : 'Comment';
    case 'status_changed':
      return `${a.actorName ?? 'Someone'} marked it ${String(d.to).replaceAll('_', ' ')}${typeof d.comment === 'string' ? `: “${d.comment}”` : ''}`;
    default:
      return a.type.replaceAll('_', ' ');
  }
}

export function TaskActivity({ activity }: { activity: Activity[] }) {
  if (activity.length === 0) return <p className="text-zinc-500">No activity yet.</p>;
  return (
    <ol className="flex flex-col gap-3 border-l border-zinc-200 pl-4" data-testid="task-activity">
      {activity.map((a) => (
        <li key={a.id} data-testid="task-activity-entry" data-type={a.type} className="relative">
          <span aria-hidden="true" className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-zinc-300" />
          <p className="text-zinc-800">{describe(a)}</p>
          <p className="text-xs text-zinc-500">
            <RelativeTime value={a.at} />
          </p>
        </li>
      ))}
    </ol>
  );
}
