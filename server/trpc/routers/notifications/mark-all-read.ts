import { markRead } from '../../../services/notifications/mine.ts';
import { companyProcedure } from '../../init.ts';

/** Marks every one of the signed-in member's notifications in this company read. */
export const markAllNotificationsReadProcedure = companyProcedure('read').mutation(({ ctx }) => markRead(ctx.tx, ctx.user.id, 'all'));
