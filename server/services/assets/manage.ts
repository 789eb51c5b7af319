/**
 * A person changing an asset: its role (one main per product — a new main demotes the old one to secondary) or
 * archiving it. A role change asks for validation again (the rules depend on the role) through `asset/uploaded`
 * with reason `role_changed`; tagging then reuses the tags it has and only re-checks the main-image tasks.
 */
import { assetUploaded, makeEvent } from '../../../shared/events/index.ts';
import { randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { assets } from '../../../drizzle/schema/index.ts';
import type { AssetRole } from '../../../shared/assets/vocab.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Tx } from '../../db/client.ts';

type AssetRow = typeof assets.$inferSelect;

/** `asset/uploaded` again for an asset whose role changed: validation re-runs for the new role. */
export function revalidateEvent(companyId: string, a: Pick<AssetRow, 'id' | 'productId' | 'storageKey' | 'mimeType' | 'bytes' | 'role'>) {
  return makeEvent(assetUploaded, `asset-role:${a.id}:${randomUUID()}`, {
    companyId, assetId: a.id, ...(a.productId ? { productId: a.productId } : {}), storageKey: a.storageKey, mimeType: a.mimeType, bytes: a.bytes, ...(a.role ? { intendedRole: a.role } : {}), reason: 'role_changed',
  });
}

/** One main image per product: the current main (other than `exceptId`) becomes secondary and is re-validated. */
export async function demoteMain(tx: Tx, companyId: string, productId: string, exceptId: string | null) {
  const demoted = await tx
    .update(assets)
    .set({ role: 'secondary', status: 'uploaded' })
    .where(and(eq(assets.productId, productId), eq(assets.role, 'main'), ne(assets.status, 'archived'), ...(exceptId ? [ne(assets.id, exceptId)] : [])))
    .returning();
  return demoted.map((a) => revalidateEvent(companyId, a));
}

async function load(tx: Tx, id: string) {
  const [a] = await tx.select().from(assets).where(eq(assets.id, id));
  if (!a) throw new AppError('NOT_FOUND', 'No such asset');
  return a;
}

export async function setAssetRole(tx: Tx, companyId: string, id: string, role: AssetRole) {
  const a = await load(tx, id);
  if (a.status === 'archived') throw new AppError('PRECONDITION_FAILED', 'The asset is archived; restore it before changing its role.');
  if (a.role === role) return { changed: false as const, events: [] };
  const demoted = role === 'main' && a.productId ? await demoteMain(tx, companyId, a.productId, id) : [];
  const [updated] = await tx.update(assets).set({ role, suggestedRole: a.suggestedRole === role ? null : a.suggestedRole, status: 'uploaded' }).where(eq(assets.id, id)).returning();
  return { changed: true as const, events: [revalidateEvent(companyId, updated!), ...demoted] };
}

export async function archiveAsset(tx: Tx, id: string) {
  const a = await load(tx, id);
  if (a.status === 'archived') return { changed: false };
  await tx.update(assets).set({ status: 'archived', role: a.role === 'main' ? null : a.role }).where(eq(assets.id, id));
  return { changed: true };
}
