import { and, eq, gt, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { sessions, users } from '../../../drizzle/schema/index.ts';
import type { Db } from '../../db/client.ts';
import { withScope } from '../../db/tx.ts';

export const SESSION_COOKIE = 'ember_session';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: string, ttlSeconds: number, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  await withScope(db, { userId }, (tx) => tx.insert(sessions).values({ id: hashToken(token), userId, expiresAt }));
  return { token, expiresAt };
}

export async function userForSession(db: Db, token: string, now = new Date()): Promise<SessionUser | null> {
  const rows = await withScope(db, {}, (tx) =>
    tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, hashToken(token)), gt(sessions.expiresAt, now)))
      .limit(1),
  );
  return rows[0] ?? null;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await withScope(db, {}, (tx) => tx.delete(sessions).where(eq(sessions.id, hashToken(token))));
}

export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await withScope(db, {}, (tx) => tx.delete(sessions).where(sql`${sessions.expiresAt} <= ${now}`));
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}
