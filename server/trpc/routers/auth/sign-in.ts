import { z } from 'zod';
import { signIn } from '../../../services/auth/sign-in.ts';
import { sessionCookie } from '../../../services/auth/session.ts';
import { publicProcedure } from '../../init.ts';

export const signInProcedure = publicProcedure
  .input(z.object({ email: z.email().max(254), password: z.string().min(1).max(200) }))
  .mutation(async ({ ctx, input }) => {
    const { user, token, expiresAt } = await signIn(ctx.db, input.email, input.password, ctx.sessionTtlS);
    ctx.setCookie(sessionCookie(token, expiresAt, ctx.secureCookies));
    return { user };
  });
