import { makeEvent, retailerSpecsCheckRequested, retailerWatchdogRequested } from '../../../../shared/events/index.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { companyProcedure } from '../../init.ts';

/** "Check now": runs the change sentinel and/or the watchdog for this company (optionally one retailer). */
export const checkNowProcedure = companyProcedure('run_workflows')
  .input(
    z.object({
      what: z.enum(['specs', 'listings', 'all']),
      retailer: z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a retailer code, like walmart_us').optional(),
    }),
  )
  .mutation(({ ctx, input }) => {
    const requestedAt = new Date().toISOString();
    const base = { companyId: ctx.company.id, requestedBy: ctx.user.id, ...(input.retailer ? { retailer: input.retailer } : {}) };
    const events = [
      ...(input.what !== 'listings' ? [makeEvent(retailerSpecsCheckRequested, `specs-check:${randomUUID()}`, base)] : []),
      ...(input.what !== 'specs' ? [makeEvent(retailerWatchdogRequested, `watchdog:${randomUUID()}`, base)] : []),
    ];
    ctx.afterCommit(() => ctx.sendEvent(events));
    return { requested: events.map((e) => e.name), requestedAt };
  });
