import { z } from 'zod';
import { defineEvent } from './define.ts';
import { CompanyId, Uuid } from './fields.ts';

/** Runs the change sentinel now (a person's "Check now", a workflow); omitted fields mean every company / retailer. */
export const retailerSpecsCheckRequested = defineEvent('retailer/specs.check.requested', {
  audience: 'external',
  description: 'Checks the retailers’ published specs for changes now.',
  schema: z.object({ companyId: CompanyId.optional(), retailer: z.string().max(64).optional(), requestedBy: Uuid.optional() }),
});

/** Runs the PDP watchdog now; omitted fields mean every watched listing (of the company). */
export const retailerWatchdogRequested = defineEvent('retailer/watchdog.requested', {
  audience: 'external',
  description: 'Checks the watched product pages for drift now.',
  schema: z.object({
    companyId: CompanyId.optional(),
    listingIds: z.array(Uuid).max(1000).optional(),
    productIds: z.array(Uuid).max(1000).optional(),
    retailer: z.string().max(64).optional(),
    requestedBy: Uuid.optional(),
  }),
});

/** One listing's product page check within a watchdog sweep (the sweep key makes a retried fetch find its snapshot). */
export const retailerListingCheckRequested = defineEvent('retailer/listing.check.requested', {
  audience: 'internal',
  description: 'Checks one listing’s product page (part of a sweep).',
  schema: z.object({ companyId: CompanyId, listingId: Uuid, sweepKey: z.string().min(1), retailer: z.string() }),
});
