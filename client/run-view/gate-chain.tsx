/**
 * An approval's chain, level by level: who may decide, what each decider decided (with their comment, and on whose
 * behalf), who is still to decide, and the open level's time left. A plain ordered list, so a screen reader reads
 * it in order; one level is the whole chain for a single-assignee approval.
 */
import { Check, Circle, CircleDot, X } from 'lucide-react';
import type { LevelStatus, LevelView } from '../../shared/approvals/chain-view.ts';
import { SlaChip } from './sla-chip.tsx';

export const STATUS_LABEL: Record<LevelStatus, string> = { approved: 'Approved', rejected: 'Rejected', open: 'Deciding now', waiting: 'Not yet', closed: 'Closed' };
export const STATUS_ICON: Record<LevelStatus, typeof Check> = { approved: Check, rejected: X, open: CircleDot, waiting: Circle, closed: Circle };
export const STATUS_TONE: Record<LevelStatus, string> = {
  approved: 'text-emerald-700', rejected: 'text-rose-700', open: 'text-orange-700', waiting: 'text-zinc-400', closed: 'text-zinc-400',
};

/** Who may decide a level, in words: roles, then people by name. */
export function who(level: LevelView, people: Record<string, string>): string {
  const parts = [...level.deciders.roles.map((r) => `any ${r}`), ...level.deciders.userIds.map((id) => people[id] ?? 'a member')];
  return parts.length ? parts.join(', ') : 'any approver';
}

export function rule(level: LevelView): string {
  return level.required === 1 ? 'one approval' : `${level.approvals} of ${level.required} approvals`;
}

/** What the chain needs of an approval (a run view gate has it). */
export interface ChainGate {
  dueAt: string | null;
  chain: { level: number; levels: LevelView[] };
}

export function GateChain({ gate, people }: { gate: ChainGate; people: Record<string, string> }) {
  const levels = gate.chain.levels;
  return (
    <section aria-label="Approval chain" data-testid="gate-chain" data-level={gate.chain.level}>
      <p className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{levels.length > 1 ? `Approval chain · ${levels.length} levels` : 'Approval'}</p>
      <ol className="mt-1.5 flex flex-col gap-2">
        {levels.map((l) => {
          const Icon = STATUS_ICON[l.status];
          return (
            <li key={l.index} data-testid="gate-level" data-status={l.status} aria-current={l.status === 'open' ? 'step' : undefined} className="rounded-md px-3 py-2 text-sm ring-1 ring-zinc-200 ring-inset">
              <p className="flex items-center gap-1.5 font-medium text-zinc-800">
                <Icon aria-hidden="true" className={`size-4 ${STATUS_TONE[l.status]}`} />
                <span className="flex-1">{l.name}</span>
                <span className={`text-xs ${STATUS_TONE[l.status]}`}>{STATUS_LABEL[l.status]}</span>
              </p>
              <p className="mt-0.5 text-xs text-zinc-600">
                {who(l, people)} · {rule(l)}
                {l.escalatedTo && <span data-testid="gate-level-escalated"> · escalated to {who({ ...l, deciders: l.escalatedTo }, people)}</span>}
              </p>
              {l.votes.length > 0 && (
                <ul className="mt-1.5 flex flex-col gap-1">
                  {l.votes.map((v) => (
                    <li key={`${v.userId}`} data-testid="gate-vote" data-decision={v.decision} className="text-xs text-zinc-700">
                      <span className={v.decision === 'approved' ? 'text-emerald-700' : 'text-rose-700'}>{v.decision === 'approved' ? 'Approved' : 'Rejected'}</span>
                      {' by '}
                      {v.castBy !== v.userId ? `${people[v.castBy] ?? 'a delegate'} on behalf of ${people[v.userId] ?? 'a member'}` : (people[v.userId] ?? 'a member')}
                      {v.comment && <span className="text-zinc-500"> — “{v.comment}”</span>}
                    </li>
                  ))}
                </ul>
              )}
              {l.status === 'open' && (
                <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs text-zinc-600">
                  {l.pendingUserIds.length > 0 && <span data-testid="gate-pending">Still to decide: {l.pendingUserIds.map((id) => people[id] ?? 'a member').join(', ')}</span>}
                  <SlaChip dueAt={gate.dueAt} testId="gate-level-sla" />
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
