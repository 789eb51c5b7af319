import { and, eq, sql } from 'drizzle-orm';
import { companies, memberships } from '../../../drizzle/schema/index.ts';
import type { Tx } from '../../db/client.ts';
import type { Role } from '../../../shared/roles.ts';

/** Runs in a user-scoped transaction: RLS lets a user see only their own memberships. */
export async function findMembershipBySlug(tx: Tx, slug: string): Promise<{ id: string; slug: string; name: string; role: Role } | null> {
  const rows = await tx
    .select({ id: companies.id, slug: companies.slug, name: companies.name, role: memberships.role })
    .from(companies)
    .innerJoin(memberships, and(eq(memberships.companyId, companies.id), eq(memberships.userId, sql`app_user_id()`)))
    .where(eq(companies.slug, slug))
    .limit(1);
  return rows[0] ?? null;
}

export async function listMyCompanies(tx: Tx) {
  return tx
    .select({ id: companies.id, slug: companies.slug, name: companies.name, role: memberships.role })
    .from(companies)
    .innerJoin(memberships, and(eq(memberships.companyId, companies.id), eq(memberships.userId, sql`app_user_id()`)))
    .orderBy(companies.name);
}
