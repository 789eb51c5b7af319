/**
 * Asset bytes over plain HTTP (binary bodies do not fit tRPC):
 *
 *   POST /api/companies/:slug/assets?productId=&role=&filename=   raw image body → 201 {asset, created} (200 when the
 *                                                                 same bytes were already there)
 *   GET  /api/companies/:slug/assets/:assetId/content[?thumb=1]   the bytes (or a ≤ 320 px PNG thumbnail)
 *
 * Same session cookie, membership and permissions as the tRPC procedures (edit_products to upload, read to view),
 * in the same RLS-scoped transaction; errors are `{error: {code, message, details}}` with the AppError code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ASSET_ROLES } from '../../shared/assets/vocab.ts';
import { AppError, type AppErrorCode } from '../../shared/errors.ts';
import { jsonBounds } from '../../shared/input/schemas.ts';
import { can, type Permission } from '../../shared/roles.ts';
import { openImage } from '../services/assets/measure.ts';
import { defaultAssetStore, type AssetStore } from '../services/assets/store.ts';
import { parseCookies, SESSION_COOKIE, userForSession } from '../services/auth/session.ts';
import type { Tx } from '../db/client.ts';
import { enterCompany, withScope } from '../db/tx.ts';
import { findMembershipBySlug } from '../services/companies/find-membership.ts';
import { assetContent } from '../services/assets/queries.ts';
import { assetUploadedEvent, MAX_UPLOAD_BYTES, uploadAsset } from '../services/assets/upload.ts';
import type { AppDeps } from '../trpc/context.ts';
import { reportInternal } from '../trpc/error-map.ts';

const HTTP_STATUS = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, INVALID_INPUT: 400, INVALID_GRAPH: 400, PRECONDITION_FAILED: 412 } as const satisfies Record<AppErrorCode, number>;

const UploadQuerySchema = z
  .object({
    productId: z.uuid({ message: 'productId must be a product id' }),
    role: z.enum(ASSET_ROLES).optional(),
    filename: z.string().trim().min(1).max(255).default('upload'),
  })
  // The same guard as every tRPC input: a NUL or lone surrogate in a query value is a 400 naming it, never a 500.
  .superRefine(jsonBounds({ maxDepth: 2, maxBytes: 64 * 1024 }));

const ROUTE = /^\/api\/companies\/([a-z0-9-]{1,64})\/assets(?:\/([0-9a-f-]{36})\/content)?$/;

export interface AssetRouteDeps extends AppDeps {
  assets?: AssetStore;
  maxUploadBytes?: number;
}

export function createAssetRoutes(deps: AssetRouteDeps) {
  const store = deps.assets ?? defaultAssetStore();
  const maxBytes = deps.maxUploadBytes ?? MAX_UPLOAD_BYTES;

  /** Runs `fn` as the session's user inside the company, if they hold the permission. */
  async function signedIn(req: IncomingMessage): Promise<{ id: string }> {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    const user = token ? await userForSession(deps.db, token) : null;
    if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    return user;
  }

  async function asMember<T>(user: { id: string }, slug: string, permission: Permission, fn: (tx: Tx, companyId: string, userId: string) => Promise<T>): Promise<T> {
    return withScope(deps.db, { userId: user.id }, async (tx) => {
      const membership = await findMembershipBySlug(tx, slug);
      if (!membership) throw new AppError('NOT_FOUND', 'No such company, or you are not a member');
      if (!can(membership.role, permission)) throw new AppError('FORBIDDEN', `Your role (${membership.role}) may not ${permission.replace('_', ' ')}`);
      await enterCompany(tx, membership.id);
      return fn(tx, membership.id, user.id);
    });
  }

  async function upload(req: IncomingMessage, res: ServerResponse, slug: string, url: URL) {
    // Who is asking is settled before a byte of the body is read.
    const user = await signedIn(req);
    const query = UploadQuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) throw new AppError('INVALID_INPUT', `Invalid input: ${query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { fieldErrors: query.error.issues.map((i) => ({ path: i.path, message: i.message })) });
    await asMember(user, slug, 'edit_products', async () => null);
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > maxBytes) throw tooBig(declared, maxBytes);
    const bytes = await readBody(req, maxBytes);
    const { result, companyId } = await asMember(user, slug, 'edit_products', async (tx, companyId, userId) => ({
      companyId,
      result: await uploadAsset(tx, store, { companyId, userId, productId: query.data.productId, role: query.data.role ?? null, filename: query.data.filename, bytes, maxBytes }),
    }));
    // After the commit: the event names a row that exists.
    const events = [...(result.created ? [assetUploadedEvent(companyId, result.asset)] : []), ...result.revalidate];
    if (events.length) await deps.sendEvent(events).catch((err: unknown) => console.error('[assets] asset/uploaded', err));
    json(res, result.created ? 201 : 200, { asset: result.asset, created: result.created });
  }

  async function content(req: IncomingMessage, res: ServerResponse, slug: string, assetId: string, url: URL) {
    if (!z.uuid().safeParse(assetId).success) throw new AppError('NOT_FOUND', 'No such asset');
    const asset = await asMember(await signedIn(req), slug, 'read', (tx) => assetContent(tx, assetId));
    if (!asset) throw new AppError('NOT_FOUND', 'No such asset');
    let bytes = await store.read(asset.storageKey);
    let type = asset.mimeType;
    if (url.searchParams.get('thumb') === '1') {
      bytes = await openImage(bytes).resize(320, 320, { fit: 'inside', withoutEnlargement: true }).png().toBuffer();
      type = 'image/png';
    }
    // Content-addressed: the bytes behind an asset id never change.
    res.writeHead(200, { 'content-type': type, 'content-length': String(bytes.length), 'cache-control': 'private, max-age=86400', etag: `"${asset.sha256}${url.search}"`, 'x-content-type-options': 'nosniff' });
    res.end(bytes);
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const m = ROUTE.exec(url.pathname);
    try {
      if (!m) throw new AppError('NOT_FOUND', `No route ${req.method} ${url.pathname}`);
      const [, slug, assetId] = m;
      if (!assetId && req.method === 'POST') return await upload(req, res, slug!, url);
      if (assetId && (req.method === 'GET' || req.method === 'HEAD')) return await content(req, res, slug!, assetId, url);
      throw new AppError('NOT_FOUND', `No route ${req.method} ${url.pathname}`);
    } catch (err) {
      // Anything untyped is logged under a reference; the caller gets the reference, never the error's text.
      const e = err instanceof AppError ? err : new AppError('PRECONDITION_FAILED', `Something went wrong storing the file; nothing was saved (reference ${reportInternal(err, 'assets')}).`);
      const status = e.code === 'INVALID_INPUT' && (e.details as { limit?: number } | undefined)?.limit ? 413 : err instanceof AppError ? HTTP_STATUS[e.code] : 500;
      if (!res.headersSent) json(res, status, { error: { code: e.code, message: e.message, details: e.details ?? null } });
      // Whatever is left of a refused body is read and dropped, so the client sees the answer rather than a reset.
      req.resume();
    }
  };
}

function tooBig(bytes: number, limit: number) {
  return new AppError('INVALID_INPUT', `The file is ${(bytes / 1048576).toFixed(1)} MB; the limit is ${Math.round(limit / 1048576)} MB.`, { field: 'file', limit });
}

/** The body, refusing (without buffering the rest) once it passes the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(tooBig(size, limit));
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => size <= limit && resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
