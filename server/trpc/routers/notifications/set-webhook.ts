import { z } from 'zod';
import { WebhookSettingSchema } from '../../../../shared/notifications/vocab.ts';
import { setWebhookSetting } from '../../../services/notifications/webhook-setting.ts';
import { companyProcedure } from '../../init.ts';

/**
 * Admins set (or, with null, remove) the company's webhook. The URL passes the SSRF guard's rules with the
 * deployment's allowlist, as the HTTP step's does, or the call is refused naming `webhook.url`.
 */
export const setWebhookProcedure = companyProcedure('manage_settings')
  .input(z.object({ webhook: WebhookSettingSchema.nullable() }))
  .mutation(async ({ ctx, input }) => ({ webhook: await setWebhookSetting(ctx.tx, input.webhook) }));
