/**
 * The approvals waiting on the signed-in user, oldest first: what, from which workflow, how long, the SLA, and the
 * whole chain (who decided what, who is still to decide).
 */
import type { RouterOutputs } from '../trpc.ts';
import { shortId } from '../runs/format.ts';
import { SlaChip } from '../run-view/gate-decision.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { InboxChain } from './inbox-chain.tsx';

export type InboxGate = RouterOutputs['gates']['list'][number];

export function InboxList({ gates, selected, onSelect }: { gates: InboxGate[]; selected: string | null; onSelect: (g: InboxGate) => void }) {
  return (
    <ol aria-label="Approvals waiting on you" className="flex flex-col gap-2" data-testid="inbox-list">
      {gates.map((g) => {
        const current = g.id === selected;
        return (
          <li key={g.id} className={`rounded-xl shadow-xs ring-1 transition ${current ? 'bg-orange-50/70 ring-orange-300' : 'bg-white ring-zinc-900/5 hover:ring-zinc-300'}`} data-testid="inbox-entry" data-task-id={g.id}>
            <button
              type="button"
              data-testid="inbox-item"
              data-task-id={g.id}
              data-run-id={g.run_id}
              aria-current={current ? 'true' : undefined}
              onClick={() => onSelect(g)}
              className="w-full rounded-xl px-4 pt-3 pb-2 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-orange-500"
            >
              <span className="flex items-start justify-between gap-3">
                <span className="min-w-0">
                  <span className="block truncate font-semibold text-zinc-900" title={g.title}>
                    <span aria-hidden="true" className="mr-1.5 font-bold text-amber-600">‖</span>
                    {g.title}
                  </span>
                  <span className="mt-0.5 block truncate text-xs text-zinc-500">
                    {g.workflow_name} · run <span className="font-mono">{shortId(g.run_id)}</span>
                  </span>
                </span>
                <SlaChip dueAt={g.due_at} testId="inbox-sla" />
              </span>
              <span className="mt-2 flex items-center justify-between gap-3 text-xs text-zinc-500">
                <span>
                  Waiting since <RelativeTime value={g.created_at} />
                </span>
                {g.levels > 1 && (
                  <span data-testid="inbox-level" className="text-zinc-600">
                    {g.levelName} · level {g.level + 1} of {g.levels}
                  </span>
                )}
                <span className="rounded-full bg-zinc-100 px-2 py-0.5 font-medium text-zinc-600" data-testid={g.onBehalfOf ? 'inbox-on-behalf' : undefined}>
                  {g.onBehalfOf ? `on behalf of ${g.onBehalfOf.name}` : g.assignee_role ? `for ${g.assignee_role}s` : 'for you'}
                </span>
              </span>
            </button>
            {/* Outside the button: a list is no content for one, and a screen reader reads the chain as a list. */}
            <div className="border-t border-zinc-100 px-4 pt-2 pb-3">
              <InboxChain levels={g.chain} dueAt={g.due_at} people={g.people} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
