import { z } from 'zod';
import { publicProcedure } from '../../init.ts';

/** Public so the SPA can ask "am I signed in?" without an error: null means signed out. */
export const meProcedure = publicProcedure.input(z.object({}).strict().optional()).query(({ ctx }) => ({ user: ctx.user }));
