import { z } from 'zod';
import { defineEvent } from './define.ts';
import { CompanyId, Uuid } from './fields.ts';

/**
 * Outbound: asks the retailer connectors to publish listings (the seeded workflows end with it). Nothing in Ember
 * consumes it; a connector subscribes to it in Inngest. External, so a supplier's own system may ask too.
 */
export const listingPublishRequested = defineEvent('listing/publish.requested', {
  audience: 'external',
  description: 'Asks the retailer connectors to publish the products’ listings.',
  schema: z.object({
    companyId: CompanyId,
    productId: Uuid.optional(),
    productIds: z.array(Uuid).max(1000).optional(),
    jobId: Uuid.optional(),
    retailer: z.string().max(64).optional(),
    workflowRunId: Uuid.optional(),
  }),
});

/** Outbound: a message for the company's people (a chat connector subscribes to it). */
export const notificationRequested = defineEvent('notification/requested', {
  audience: 'external',
  description: 'Sends a message to the team’s channel.',
  schema: z.object({ companyId: CompanyId, message: z.string().min(1).max(2000), workflowRunId: Uuid.optional() }),
});
