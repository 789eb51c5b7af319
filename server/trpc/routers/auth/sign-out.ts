import { z } from 'zod';
import { clearedSessionCookie, deleteSession } from '../../../services/auth/session.ts';
import { signedInProcedure } from '../../init.ts';

export const signOutProcedure = signedInProcedure.input(z.object({}).strict().optional()).mutation(async ({ ctx }) => {
  if (ctx.sessionToken) await deleteSession(ctx.db, ctx.sessionToken);
  ctx.setCookie(clearedSessionCookie());
  return { ok: true as const };
});
