/** tRPC callers acting as a given seeded user, through the real router and a real database. */
import { eq } from 'drizzle-orm';
import { users } from '../../drizzle/schema/index.ts';
import type { Db } from '../db/client.ts';
import { withScope } from '../db/tx.ts';
import { appRouter } from '../trpc/app-router.ts';
import { createContextInner, type AppDeps } from '../trpc/context.ts';
import { createCallerFactory } from '../trpc/init.ts';

const createCaller = createCallerFactory(appRouter);

export type SendEvent = AppDeps['sendEvent'];
const noEvents: SendEvent = async () => {};

export function anonymousCaller(db: Db, sendEvent: SendEvent = noEvents) {
  return createCaller(createContextInner({ db, sessionTtlS: 3600, secureCookies: false, sendEvent }));
}

export async function callerAs(db: Db, email: string, sendEvent: SendEvent = noEvents) {
  const [user] = await withScope(db, {}, (tx) => tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, email)));
  if (!user) throw new Error(`no seeded user ${email}`);
  return { user, caller: createCaller(createContextInner({ db, sessionTtlS: 3600, secureCookies: false, sendEvent }, { user })) };
}

export type Caller = ReturnType<typeof anonymousCaller>;
