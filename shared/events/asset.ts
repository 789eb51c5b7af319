import { z } from 'zod';
import { defineEvent } from './define.ts';
import { CompanyId, Uuid } from './fields.ts';

/** Sent by the upload endpoint and the asset service after the bytes are stored. */
export const assetUploaded = defineEvent('asset/uploaded', {
  audience: 'internal',
  description: 'An image was uploaded (or must be re-validated).',
  schema: z.object({
    companyId: CompanyId,
    assetId: Uuid,
    productId: Uuid.optional(),
    storageKey: z.string(),
    mimeType: z.string(),
    bytes: z.number().int().nonnegative(),
    intendedRole: z.string().optional(),
    /** Absent for a new upload; `role_changed` re-validates (tagging reuses its tags), `revalidate` after a rule edit. */
    reason: z.enum(['upload', 'role_changed', 'revalidate']).optional(),
  }),
});
