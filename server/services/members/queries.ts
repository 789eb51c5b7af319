import { and, eq, sql } from 'drizzle-orm';
import { memberships, users } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Tx } from '../../db/client.ts';

export async function listMembers(tx: Tx) {
  return tx
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.companyId, sql`app_company_id()`))
    .orderBy(users.name);
}

/** Admins manage roles; the last admin cannot demote themselves out of the company's control. */
export async function setMemberRole(tx: Tx, actorUserId: string, userId: string, role: Role) {
  const current = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.companyId, sql`app_company_id()`), eq(memberships.userId, userId)))
    .for('update');
  if (!current[0]) throw new AppError('NOT_FOUND', 'That person is not a member of this company');
  if (current[0].role === 'admin' && role !== 'admin') {
    const [admins] = await tx.select({ n: sql<number>`count(*)::int` }).from(memberships).where(and(eq(memberships.companyId, sql`app_company_id()`), eq(memberships.role, 'admin')));
    if ((admins?.n ?? 0) <= 1) throw new AppError('PRECONDITION_FAILED', 'A company needs at least one admin');
  }
  await tx.update(memberships).set({ role }).where(and(eq(memberships.companyId, sql`app_company_id()`), eq(memberships.userId, userId)));
  return { userId, role, changedBy: actorUserId };
}
