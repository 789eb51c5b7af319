import { z } from 'zod';
import { markRead } from '../../../services/notifications/mine.ts';
import { companyProcedure } from '../../init.ts';

/** Marks some of the signed-in member's notifications read (ids of anyone else's change nothing). */
export const markNotificationsReadProcedure = companyProcedure('read')
  .input(z.object({ ids: z.array(z.uuid()).min(1, 'name at least one notification').max(100) }))
  .mutation(({ ctx, input }) => markRead(ctx.tx, ctx.user.id, input.ids));
