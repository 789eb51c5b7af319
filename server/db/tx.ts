/**
 * The only ways the application touches tenant data. Each opens a transaction that drops to the `ember_app` role
 * (no BYPASSRLS) and sets the tenant and user context transaction-locally, so nothing leaks through pooled
 * connections and a missing context sees no rows.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

export interface TxScope {
  companyId?: string | null;
  userId?: string | null;
}

export async function withScope<T>(db: Db, scope: TxScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', 'ember_app', true),
      set_config('app.company_id', ${scope.companyId ?? ''}, true),
      set_config('app.user_id', ${scope.userId ?? ''}, true)`);
    return fn(tx);
  });
}

export function withCompany<T>(db: Db, companyId: string, fn: (tx: Tx) => Promise<T>, userId?: string): Promise<T> {
  return withScope(db, { companyId, userId: userId ?? null }, fn);
}

/** Sets the company inside a transaction already scoped to a user (after membership was checked). */
export async function enterCompany(tx: Tx, companyId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.company_id', ${companyId}, true)`);
}
