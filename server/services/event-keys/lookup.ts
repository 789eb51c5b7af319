/**
 * The ingress's side of event keys: which company a presented key belongs to, and a cheap "last used" stamp.
 *
 * The lookup has no company context yet (the key is what decides it), so it cannot read event_keys under RLS. It is
 * the one place the app asks about tenant data on the owner pool, and even there it reads no table: it calls the
 * SECURITY DEFINER function `ember_event_key_lookup(hash)` (migration 0019), which returns a live key's company and
 * id for the SHA-256 of a presented key, and nothing else (no name, no other key, no listing). One statement outside
 * any transaction: scoped to ember_app (begin, set role, call, commit) the same call costs four round trips; with 200
 * concurrent lookups on a loaded 2-core machine that was ~1,300 lookups/s, against ~17,000/s for this.
 * Everything after the lookup (stamping the key's use, the consumers) runs in the key's company with withCompany.
 */
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';
import { hashEventKey, isWellFormedEventKey } from './keys.ts';

export interface EventKeyOwner {
  companyId: string;
  keyId: string;
}

/** The company of a live key, or null for a malformed, unknown or revoked one (the caller cannot tell which). */
export async function findEventKey(owner: postgres.Sql, key: string): Promise<EventKeyOwner | null> {
  if (!isWellFormedEventKey(key)) return null;
  const [row] = await owner<{ company_id: string; key_id: string }[]>`select company_id, key_id from ember_event_key_lookup(${hashEventKey(key)})`;
  return row ? { companyId: row.company_id, keyId: row.key_id } : null;
}

/**
 * Stamps `last_used_at` at most once per `everyMs` per key in this process (not once per event): the list only needs
 * to say "used a minute ago", and a busy key must not turn every request into a row update. Best effort: a failed
 * stamp is logged and retried on a later request.
 */
export function lastUsedStamper(db: Db, opts: { everyMs?: number; now?: () => number; log?: (line: string) => void } = {}) {
  const everyMs = opts.everyMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const stamped = new Map<string, number>();
  return function stamp(owner: EventKeyOwner): Promise<void> | null {
    const t = now();
    const last = stamped.get(owner.keyId);
    if (last !== undefined && t - last < everyMs) return null;
    stamped.set(owner.keyId, t);
    // Entries older than the period carry no information: drop them so the map stays as small as the live keys.
    if (stamped.size > 10_000) for (const [id, at] of stamped) if (t - at >= everyMs) stamped.delete(id);
    return withCompany(db, owner.companyId, (tx) => tx.execute(sql`update event_keys set last_used_at = now() where id = ${owner.keyId} and revoked_at is null`)).then(
      () => undefined,
      (err: unknown) => {
        stamped.delete(owner.keyId);
        (opts.log ?? console.error)(`[ingress] could not stamp last use of event key ${owner.keyId}: ${(err as Error).message}`);
      },
    );
  };
}
