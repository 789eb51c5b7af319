import { getWebhookSetting } from '../../../services/notifications/webhook-setting.ts';
import { companyProcedure } from '../../init.ts';

/** The company's outgoing webhook, for admins (its URL is a credential: other members never read it). */
export const webhookProcedure = companyProcedure('manage_settings').query(async ({ ctx }) => ({ webhook: await getWebhookSetting(ctx.tx) }));
