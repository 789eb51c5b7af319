/**
 * The ingress's side of event keys: which company a presented key belongs to, and a cheap "last used" stamp.
 *
 * The lookup has no company context yet (the key is what decides it), so it cannot read event_keys under RLS. It goes
 * through one narrowly scoped SECURITY DEFINER function, `ember_event_key_lookup(hash)` (migration 0019), called as
 * ember_app like every other query of the app: hash in, company and key id out, only for a key that is not revoked.
 * The owner pool is never used for it, so the app role can do exactly this and no more with a key it does not own.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { withCompany, withScope } from '../../db/tx.ts';
import { hashEventKey, isWellFormedEventKey } from './keys.ts';

export interface EventKeyOwner {
  companyId: string;
  keyId: string;
}

/** The company of a live key, or null for a malformed, unknown or revoked one (the caller cannot tell which). */
export async function findEventKey(db: Db, key: string): Promise<EventKeyOwner | null> {
  if (!isWellFormedEventKey(key)) return null;
  const rows = await withScope(db, {}, (tx) => tx.execute<{ company_id: string; key_id: string }>(sql`select company_id, key_id from ember_event_key_lookup(${hashEventKey(key)})`));
  const row = rows[0];
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
