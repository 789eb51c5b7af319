/**
 * What people see of approval chains, read once for many gates: every vote of the given tasks (with its comment and
 * on whose behalf), and the names of everyone the chains mention. The inbox and the run view show the same chain.
 */
import { sql } from 'drizzle-orm';
import type { CastVote, LevelView } from '../../../shared/approvals/chain-view.ts';
import type { Tx } from '../../db/client.ts';

/** Votes per task id, oldest first. */
export async function votesByTask(tx: Tx, taskIds: readonly string[]): Promise<Map<string, CastVote[]>> {
  const out = new Map<string, CastVote[]>();
  if (!taskIds.length) return out;
  const rows = await tx.execute<{ task_id: string; level: number; user_id: string; cast_by: string; decision: CastVote['decision']; comment: string | null; at: string }>(sql`
    select task_id, level, user_id, cast_by, decision, comment, at from gate_votes where task_id = any(${`{${taskIds.join(',')}}`}::uuid[]) order by at, id`);
  for (const v of rows) {
    out.set(v.task_id, [...(out.get(v.task_id) ?? []), { level: v.level, userId: v.user_id, castBy: v.cast_by, decision: v.decision, comment: v.comment, at: new Date(v.at).toISOString() }]);
  }
  return out;
}

/** Names of the people the levels name, escalate to, or who voted (and cast a vote for someone). */
export async function peopleIn(tx: Tx, levels: readonly LevelView[]): Promise<Record<string, string>> {
  const ids = [...new Set(levels.flatMap((l) => [...l.deciders.userIds, ...(l.escalatedTo?.userIds ?? []), ...l.votes.flatMap((v) => [v.userId, v.castBy])]))];
  if (!ids.length) return {};
  const named = await tx.execute<{ id: string; name: string }>(sql`select id, name from users where id = any(${`{${ids.join(',')}}`}::uuid[])`);
  return Object.fromEntries(named.map((u) => [u.id, u.name]));
}
