/** A company's event keys, inside its RLS-scoped transaction: list, create (the key is returned once), revoke. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { eventKeys, users } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';
import { generateEventKey } from './keys.ts';

/** More live keys than this is a sign of keys being created instead of reused. */
export const MAX_ACTIVE_EVENT_KEYS = 50;

export interface EventKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listEventKeys(tx: Tx): Promise<EventKeySummary[]> {
  return tx
    .select({ id: eventKeys.id, name: eventKeys.name, prefix: eventKeys.prefix, createdAt: eventKeys.createdAt, createdBy: users.name, lastUsedAt: eventKeys.lastUsedAt, revokedAt: eventKeys.revokedAt })
    .from(eventKeys)
    .leftJoin(users, eq(users.id, eventKeys.createdBy))
    .where(eq(eventKeys.companyId, sql`app_company_id()`))
    .orderBy(sql`${eventKeys.revokedAt} is not null`, desc(eventKeys.createdAt));
}

/** Creates a key and returns it whole: the only time it exists outside the sender's hands (only its hash is kept). */
export async function createEventKey(tx: Tx, companyId: string, userId: string, name: string): Promise<EventKeySummary & { key: string }> {
  // Serialise creations per company so the cap holds under concurrent requests.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`event_keys:${companyId}`}))`);
  const [active] = await tx.select({ n: sql<number>`count(*)::int` }).from(eventKeys).where(and(eq(eventKeys.companyId, companyId), isNull(eventKeys.revokedAt)));
  if ((active?.n ?? 0) >= MAX_ACTIVE_EVENT_KEYS) throw new AppError('PRECONDITION_FAILED', `A company may have at most ${MAX_ACTIVE_EVENT_KEYS} active event keys: revoke one you no longer use`);
  const { key, prefix, hash } = generateEventKey();
  const [row] = await tx.insert(eventKeys).values({ companyId, name, prefix, keyHash: hash, createdBy: userId }).returning();
  const [creator] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return { id: row!.id, name: row!.name, prefix: row!.prefix, createdAt: row!.createdAt, createdBy: creator?.name ?? null, lastUsedAt: null, revokedAt: null, key };
}

/** Revokes a key for good (revoking it again changes nothing); the ingress refuses it from the next request on. */
export async function revokeEventKey(tx: Tx, userId: string, id: string): Promise<{ id: string; revokedAt: Date }> {
  const [row] = await tx.select({ revokedAt: eventKeys.revokedAt }).from(eventKeys).where(and(eq(eventKeys.id, id), eq(eventKeys.companyId, sql`app_company_id()`))).for('update');
  if (!row) throw new AppError('NOT_FOUND', 'No such event key in this company');
  if (row.revokedAt) return { id, revokedAt: row.revokedAt };
  const [updated] = await tx.update(eventKeys).set({ revokedAt: sql`now()`, revokedBy: userId }).where(eq(eventKeys.id, id)).returning({ revokedAt: eventKeys.revokedAt });
  return { id, revokedAt: updated!.revokedAt! };
}
