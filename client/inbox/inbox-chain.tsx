/**
 * A waiting approval's whole chain, compact enough for the inbox list: each level with its status and approvals so
 * far, every decision with its comment (and "on behalf of" when a delegate cast it), who is still to decide, and the
 * open level's time left. The run view's chain says the same at length (run-view/gate-chain.tsx).
 */
import type { LevelView } from '../../shared/approvals/chain-view.ts';
import { SlaChip } from '../run-view/sla-chip.tsx';
import { rule, STATUS_ICON, STATUS_LABEL, STATUS_TONE, who } from '../run-view/gate-chain.tsx';

function voter(v: LevelView['votes'][number], people: Record<string, string>): string {
  const name = (id: string) => people[id] ?? 'a member';
  return v.castBy !== v.userId ? `${name(v.castBy)} on behalf of ${name(v.userId)}` : name(v.userId);
}

export function InboxChain({ levels, dueAt, people }: { levels: LevelView[]; dueAt: string | null; people: Record<string, string> }) {
  return (
    <ol aria-label="Approval chain" className="flex flex-col gap-1.5" data-testid="inbox-chain">
      {levels.map((l) => {
        const Icon = STATUS_ICON[l.status];
        return (
          <li key={l.index} className="text-xs text-zinc-600" data-testid="inbox-chain-level" data-status={l.status} aria-current={l.status === 'open' ? 'step' : undefined}>
            <p className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
              <Icon aria-hidden="true" className={`size-3.5 shrink-0 ${STATUS_TONE[l.status]}`} />
              <span className="font-medium text-zinc-800">{l.name}</span>
              <span className={STATUS_TONE[l.status]}>{STATUS_LABEL[l.status]}</span>
              <span className="text-zinc-500">
                · {who(l, people)} · {l.required > 1 ? `${l.approvals} of ${l.required} approvals` : rule(l)}
                {l.escalatedTo && <span data-testid="inbox-chain-escalated"> · escalated to {who({ ...l, deciders: l.escalatedTo }, people)}</span>}
              </span>
              {l.status === 'open' && <SlaChip dueAt={dueAt} testId="inbox-chain-sla" />}
            </p>
            {l.votes.length > 0 && (
              <ul className="mt-0.5 ml-5 flex flex-col gap-0.5">
                {l.votes.map((v) => (
                  <li key={v.userId} data-testid="inbox-chain-vote" data-decision={v.decision}>
                    <span className={v.decision === 'approved' ? 'text-emerald-700' : 'text-rose-700'}>{v.decision === 'approved' ? 'Approved' : 'Rejected'}</span> by{' '}
                    <span data-testid={v.castBy !== v.userId ? 'inbox-chain-on-behalf' : undefined}>{voter(v, people)}</span>
                    {v.comment && <span className="text-zinc-500"> — “{v.comment}”</span>}
                  </li>
                ))}
              </ul>
            )}
            {l.pendingUserIds.length > 0 && (
              <p className="mt-0.5 ml-5" data-testid="inbox-chain-pending">
                Still to decide: {l.pendingUserIds.map((id) => people[id] ?? 'a member').join(', ')}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
