import { z } from 'zod';
import { defineEvent } from './define.ts';
import { CompanyId, Uuid } from './fields.ts';

/** A row of the company webhook's outbox to deliver; the task orchestrator delivers it, retrying with backoff. */
export const webhookDeliveryRequested = defineEvent('notification/webhook.requested', {
  audience: 'internal',
  description: 'Delivers a message to the company’s outgoing webhook.',
  schema: z.object({ companyId: CompanyId, deliveryId: Uuid }),
});
