import { z } from 'zod';
import { defineEvent } from './define.ts';
import { CompanyId, Uuid } from './fields.ts';

export const auditCompleted = defineEvent('audit/completed', {
  audience: 'internal',
  description: 'A compliance audit finished.',
  schema: z.object({
    companyId: CompanyId,
    auditId: Uuid,
    retailerId: Uuid.optional(),
    productsChecked: z.number().int(),
    score: z.number(),
    grade: z.string(),
    errorCount: z.number().int(),
    warningCount: z.number().int(),
  }),
});

/** Audit on demand (a workflow step, the Monday freshness workflow, a person, a script); omitted fields mean "all". */
export const auditRequested = defineEvent('audit/requested', {
  audience: 'external',
  description: 'Asks for a compliance audit of some or all products and retailers.',
  schema: z.object({
    companyId: CompanyId,
    retailer: z.string().max(64).optional(),
    retailers: z.array(z.string().max(64)).max(50).optional(),
    productIds: z.array(Uuid).max(1000).optional(),
    workflowRunId: Uuid.optional(),
    requestedBy: Uuid.optional(),
  }),
});
