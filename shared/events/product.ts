import { z } from 'zod';
import { defineEvent } from './define.ts';
import { Actor, CompanyId, Uuid } from './fields.ts';

/** Products arrived (import, API, UI); with `enrich`, the enrichment pipeline runs on them. Consumers re-read them. */
export const productUploaded = defineEvent('product/uploaded', {
  audience: 'external',
  description: 'Products were added or replaced; optionally asks for enrichment of some fields.',
  schema: z.object({
    companyId: CompanyId,
    productIds: z.array(Uuid).max(10_000),
    importBatchId: z.string().max(200).optional(),
    source: z.enum(['csv', 'api', 'ui']),
    uploadedBy: Uuid.nullable(),
    enrich: z.object({ fields: z.array(z.string().max(64)).max(100), retailerId: Uuid.optional() }).optional(),
  }),
});

/** Written by the catalog's write path only: a record that a change happened, so it is internal. */
export const productFieldChanged = defineEvent('product/field.changed', {
  audience: 'internal',
  description: 'A product field changed through the catalog.',
  schema: z.object({
    companyId: CompanyId,
    productId: Uuid,
    changes: z.array(z.object({ attribute: z.string(), channel: z.string().nullable().optional(), locale: z.string().nullable().optional(), old: z.unknown(), new: z.unknown() })),
    actor: Actor,
    originRunId: Uuid.optional(),
    changedAt: z.string(),
  }),
});
