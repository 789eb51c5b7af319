import { z } from 'zod';
import { listMine } from '../../../services/notifications/mine.ts';
import { companyProcedure } from '../../init.ts';

/** The signed-in member's notifications in this company: unread first, then newest; paged. */
export const listNotificationsProcedure = companyProcedure('read')
  .input(z.object({ limit: z.number().int().min(1).max(50).optional(), offset: z.number().int().min(0).max(10_000).optional() }))
  .query(({ ctx, input }) => listMine(ctx.tx, ctx.user.id, { limit: input.limit ?? 20, offset: input.offset ?? 0 }));
