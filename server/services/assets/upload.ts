/**
 * Accepting an uploaded image: the bytes must be one of the accepted formats by their magic bytes (never the name or
 * the client's mime type), within the size limit, decode in full within the pixel limit (server/services/assets/decode.ts),
 * for a product of the company. Checks run before anything is
 * written; the bytes go to the content-addressed store and the row is inserted once per (company, product, sha256),
 * so the same bytes uploaded twice are one asset. The caller sends `asset/uploaded` for a new asset after commit.
 */
import { assetUploaded, makeEvent } from '../../../shared/events/index.ts';
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { assets } from '../../../drizzle/schema/index.ts';
import type { AssetRole } from '../../../shared/assets/vocab.ts';
import { AppError } from '../../../shared/errors.ts';
import { decodeFully, ImageRefusedError } from './decode.ts';
import type { AssetStore } from './store.ts';
import { FORMAT_EXT, FORMAT_MIME, sniffFormat, type ImageFormat } from './sniff.ts';
import type { Tx } from '../../db/client.ts';
import { demoteMain, type revalidateEvent } from './manage.ts';

/** Default upload limit; retailers' own limits (Walmart 5 MB) are rules, not refusals. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadInput {
  companyId: string;
  userId: string;
  productId: string;
  role: AssetRole | null;
  filename: string;
  bytes: Buffer;
  maxBytes?: number;
}

export interface UploadResult {
  asset: { id: string; productId: string; storageKey: string; mimeType: string; bytes: number; role: AssetRole | null; sha256: string };
  created: boolean;
  /** Re-validation events for a previous main image this upload demoted (send after commit). */
  revalidate: ReturnType<typeof revalidateEvent>[];
}

export function checkUploadBytes(bytes: Buffer, maxBytes = MAX_UPLOAD_BYTES) {
  if (bytes.length === 0) throw new AppError('INVALID_INPUT', 'The file is empty.', { field: 'file' });
  if (bytes.length > maxBytes) throw new AppError('INVALID_INPUT', `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${Math.round(maxBytes / 1048576)} MB.`, { field: 'file', limit: maxBytes });
  const format = sniffFormat(bytes);
  if (!format) throw new AppError('INVALID_INPUT', 'Not an image: upload a JPEG, PNG, GIF, TIFF, WebP or BMP file.', { field: 'file' });
  return format;
}

/** Every pixel of every frame decoded: a truncated file, garbage behind a valid header or a decompression bomb is refused. */
export async function checkImageDecodes(bytes: Buffer, format: ImageFormat): Promise<void> {
  try {
    await decodeFully(bytes, format);
  } catch (err) {
    if (err instanceof ImageRefusedError) throw new AppError('INVALID_INPUT', err.message, { field: 'file', reason: err.reason });
    throw err;
  }
}

export async function uploadAsset(tx: Tx, store: AssetStore, input: UploadInput): Promise<UploadResult> {
  const format = checkUploadBytes(input.bytes, input.maxBytes);
  await checkImageDecodes(input.bytes, format);
  const [product] = await tx.execute<{ id: string }>(sql`select id from products where id = ${input.productId}`);
  if (!product) throw new AppError('NOT_FOUND', 'No such product.', { field: 'productId' });
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const [existing] = await tx.select().from(assets).where(and(eq(assets.productId, input.productId), eq(assets.sha256, sha256)));
  if (existing) return { asset: shape(existing), created: false, revalidate: [] };

  const { storageKey } = await store.put(input.companyId, input.bytes, FORMAT_EXT[format]);
  // One main image per product: a new main demotes the previous one.
  const revalidate = input.role === 'main' ? await demoteMain(tx, input.companyId, input.productId, null) : [];
  const inserted = await tx
    .insert(assets)
    .values({ companyId: input.companyId, productId: input.productId, storageKey, filename: input.filename, mimeType: FORMAT_MIME[format], bytes: input.bytes.length, sha256, role: input.role, uploadedBy: input.userId })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { asset: shape(inserted[0]), created: true, revalidate };
  // A concurrent upload of the same bytes won the race.
  const [row] = await tx.select().from(assets).where(and(eq(assets.productId, input.productId), eq(assets.sha256, sha256)));
  return { asset: shape(row!), created: false, revalidate };
}

function shape(a: typeof assets.$inferSelect): UploadResult['asset'] {
  return { id: a.id, productId: a.productId!, storageKey: a.storageKey, mimeType: a.mimeType, bytes: a.bytes, role: a.role, sha256: a.sha256 };
}

export function assetUploadedEvent(companyId: string, asset: UploadResult['asset']) {
  return makeEvent(assetUploaded, `asset-uploaded:${asset.id}`, {
    companyId, assetId: asset.id, productId: asset.productId, storageKey: asset.storageKey, mimeType: asset.mimeType, bytes: asset.bytes, ...(asset.role ? { intendedRole: asset.role } : {}),
  });
}
