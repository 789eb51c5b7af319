/**
 * The chain as people see it: per level, who may decide, what each has decided (with comments, on behalf of whom),
 * who is still to decide, and whether the level is approved, rejected, open or still ahead. Pure, so the run view,
 * the inbox and tests read one shape.
 */
import type { DeciderSet, GateChain } from './chain.ts';

export const LEVEL_STATUSES = ['approved', 'rejected', 'open', 'waiting', 'closed'] as const;
export type LevelStatus = (typeof LEVEL_STATUSES)[number];

export interface CastVote {
  level: number;
  userId: string;
  castBy: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
  at: string;
}

export interface LevelView {
  index: number;
  name: string;
  status: LevelStatus;
  required: number;
  approvals: number;
  deciders: DeciderSet;
  /** Escalated to these as well (only on the level that escalated). */
  escalatedTo: DeciderSet | null;
  votes: CastVote[];
  /** Named people who have not decided this level yet (role holders are not listed: any of them may). */
  pendingUserIds: string[];
}

export function chainView(chain: GateChain, current: number, escalated: boolean, decision: string | null, votes: CastVote[]): LevelView[] {
  return chain.levels.map((l, index) => {
    const mine = votes.filter((v) => v.level === index);
    const approvals = new Set(mine.filter((v) => v.decision === 'approved').map((v) => v.userId)).size;
    const escalatedTo = index === current && escalated ? l.escalateTo : null;
    let status: LevelStatus;
    if (index < current) status = 'approved';
    else if (index > current) status = decision ? 'closed' : 'waiting';
    else if (mine.some((v) => v.decision === 'rejected')) status = 'rejected';
    else if (decision === 'approved' && approvals >= l.required) status = 'approved';
    else status = decision ? 'closed' : 'open';
    const named = [...new Set([...l.deciders.userIds, ...(escalatedTo?.userIds ?? [])])];
    const pendingUserIds = status === 'open' ? named.filter((id) => !mine.some((v) => v.userId === id)) : [];
    return { index, name: l.name, status, required: l.required, approvals, deciders: l.deciders, escalatedTo, votes: mine, pendingUserIds };
  });
}
