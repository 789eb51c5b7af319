/**
 * Out of office: a person hands their approval decisions to another member of the company for a period. The delegate
 * then decides "on behalf of" them — the vote is the delegator's (it counts where theirs would), cast by the delegate,
 * and the audit trail says both. One delegation per person; setting another replaces it.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors.ts';
import { can, type Role } from '../../../shared/roles.ts';
import type { Tx } from '../../db/client.ts';
import { audit } from '../workflows/audit.ts';

export interface DelegationInput {
  delegateUserId: string;
  startsAt: Date | null;
  endsAt: Date;
}

export async function setDelegation(tx: Tx, actor: { userId: string; companyId: string }, input: DelegationInput) {
  if (input.delegateUserId === actor.userId) throw new AppError('INVALID_INPUT', 'Hand your approvals to someone else');
  const [member] = await tx.execute<{ role: Role }>(sql`select role from memberships where company_id = ${actor.companyId} and user_id = ${input.delegateUserId}`);
  if (!member) throw new AppError('NOT_FOUND', 'No such member of this company');
  // Their votes go through gates.resolve, which asks for this permission: a delegate without it could decide nothing.
  if (!can(member.role, 'resolve_gates')) throw new AppError('INVALID_INPUT', 'Hand your approvals to someone who may decide approvals (an approver or an admin)');
  const startsAt = (input.startsAt ?? new Date()).toISOString();
  if (input.endsAt.getTime() <= new Date(startsAt).getTime()) throw new AppError('INVALID_INPUT', 'The period must end after it starts');
  await tx.execute(sql`
    insert into approval_delegations (company_id, user_id, delegate_user_id, starts_at, ends_at)
    values (${actor.companyId}, ${actor.userId}, ${input.delegateUserId}, ${startsAt}::timestamptz, ${input.endsAt.toISOString()}::timestamptz)
    on conflict (company_id, user_id) do update set delegate_user_id = excluded.delegate_user_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at, created_at = now()`);
  await audit(tx, { companyId: actor.companyId, workflowId: null, actorUserId: actor.userId, action: 'delegation_set', detail: { delegateUserId: input.delegateUserId, startsAt, endsAt: input.endsAt.toISOString() } });
  return { delegateUserId: input.delegateUserId, startsAt, endsAt: input.endsAt.toISOString() };
}

export async function clearDelegation(tx: Tx, actor: { userId: string; companyId: string }) {
  const gone = await tx.execute(sql`delete from approval_delegations where company_id = ${actor.companyId} and user_id = ${actor.userId} returning delegate_user_id`);
  if (gone.length) await audit(tx, { companyId: actor.companyId, workflowId: null, actorUserId: actor.userId, action: 'delegation_cleared', detail: {} });
  return { cleared: gone.length > 0 };
}

/** The person `onBehalfOf` as their active delegate sees them (their id and role), or FORBIDDEN. */
export async function activeDelegator(tx: Tx, actor: { userId: string; companyId: string }, onBehalfOf: string): Promise<{ id: string; role: Role }> {
  const [row] = await tx.execute<{ role: Role }>(sql`
    select m.role from approval_delegations d join memberships m on m.company_id = d.company_id and m.user_id = d.user_id
    where d.company_id = ${actor.companyId} and d.user_id = ${onBehalfOf} and d.delegate_user_id = ${actor.userId}
      and d.starts_at <= now() and d.ends_at > now()`);
  if (!row) throw new AppError('FORBIDDEN', 'They have not handed their approvals to you (or the period is over)');
  return { id: onBehalfOf, role: row.role };
}

/** People who have handed their approvals to `userId` right now, with their role (the inbox shows their gates too). */
export async function delegatorsOf(tx: Tx, companyId: string, userId: string): Promise<{ id: string; role: Role; name: string }[]> {
  return tx.execute<{ id: string; role: Role; name: string }>(sql`
    select d.user_id as id, m.role, u.name from approval_delegations d
    join memberships m on m.company_id = d.company_id and m.user_id = d.user_id join users u on u.id = d.user_id
    where d.company_id = ${companyId} and d.delegate_user_id = ${userId} and d.starts_at <= now() and d.ends_at > now()`);
}

/** A delegation as its two people see it: the other person, and the period (ISO times). */
export interface DelegationView {
  userId: string;
  name: string;
  startsAt: string;
  endsAt: string;
  /** The period has begun (false: it is still to come). */
  active: boolean;
}

/** The hand-over `userId` has set that is not over yet (active or to come), naming the delegate; null when none. */
export async function delegationOf(tx: Tx, companyId: string, userId: string): Promise<DelegationView | null> {
  const [row] = await tx.execute<DelegationRow>(sql`
    select d.delegate_user_id as user_id, u.name, d.starts_at, d.ends_at, d.starts_at <= now() as active from approval_delegations d join users u on u.id = d.delegate_user_id
    where d.company_id = ${companyId} and d.user_id = ${userId} and d.ends_at > now()`);
  return row ? view(row) : null;
}

/** Who hands their approvals to `userId`, now or later (not the ended ones), soonest end first, naming each. */
export async function delegationsTo(tx: Tx, companyId: string, userId: string): Promise<DelegationView[]> {
  const rows = await tx.execute<DelegationRow>(sql`
    select d.user_id, u.name, d.starts_at, d.ends_at, d.starts_at <= now() as active from approval_delegations d join users u on u.id = d.user_id
    where d.company_id = ${companyId} and d.delegate_user_id = ${userId} and d.ends_at > now()
    order by d.ends_at, u.name`);
  return rows.map(view);
}

type DelegationRow = {
  user_id: string;
  name: string;
  starts_at: string | Date;
  ends_at: string | Date;
  active: boolean;
};

const view = (r: DelegationRow): DelegationView => ({ userId: r.user_id, name: r.name, startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(), active: r.active });
