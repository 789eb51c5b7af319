import { router } from '../../init.ts';
import { webhookDeliveriesProcedure } from './deliveries.ts';
import { listNotificationsProcedure } from './list.ts';
import { markAllNotificationsReadProcedure } from './mark-all-read.ts';
import { markNotificationsReadProcedure } from './mark-read.ts';
import { setWebhookProcedure } from './set-webhook.ts';
import { unreadNotificationsProcedure } from './unread-count.ts';
import { webhookProcedure } from './webhook.ts';

export const notificationsRouter = router({
  list: listNotificationsProcedure,
  unreadCount: unreadNotificationsProcedure,
  markRead: markNotificationsReadProcedure,
  markAllRead: markAllNotificationsReadProcedure,
  webhook: webhookProcedure,
  setWebhook: setWebhookProcedure,
  webhookDeliveries: webhookDeliveriesProcedure,
});
