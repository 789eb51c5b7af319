import { eq } from 'drizzle-orm';
import { users } from '../../../drizzle/schema/index.ts';
import { AppError } from '../../../shared/errors.ts';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password.ts';
import { createSession } from './session.ts';
import type { Db } from '../../db/client.ts';
import { withScope } from '../../db/tx.ts';

export async function signIn(db: Db, email: string, password: string, ttlSeconds: number) {
  const [user] = await withScope(db, {}, (tx) => tx.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1));
  // Verify against a dummy hash on a miss so response time does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
  const session = await createSession(db, user.id, ttlSeconds);
  return { user: { id: user.id, email: user.email, name: user.name }, ...session };
}
