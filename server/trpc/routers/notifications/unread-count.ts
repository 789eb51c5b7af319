import { unreadCount } from '../../../services/notifications/mine.ts';
import { companyProcedure } from '../../init.ts';

/** The bell's number: the signed-in member's unread notifications in this company. */
export const unreadNotificationsProcedure = companyProcedure('read').query(async ({ ctx }) => ({ unread: await unreadCount(ctx.tx, ctx.user.id) }));
