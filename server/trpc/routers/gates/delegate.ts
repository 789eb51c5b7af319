import { z } from 'zod';
import { periodProblems } from '../../../../shared/approvals/delegation-period.ts';
import { clearDelegation, setDelegation } from '../../../services/gates/delegation.ts';
import { companyProcedure } from '../../init.ts';

/** Hand my approval decisions to another member until a time (out of office), or take them back (`delegateUserId: null`). */
export const delegateGatesProcedure = companyProcedure('resolve_gates')
  .input(
    z
      .object({ delegateUserId: z.uuid().max(36).nullable(), from: z.iso.datetime({ offset: true }).max(40).optional(), until: z.iso.datetime({ offset: true }).max(40).optional() })
      .refine((v) => v.delegateUserId === null || v.until !== undefined, { path: ['until'], message: 'say until when' })
      // The period's rules (shared with the dialog): ends after it starts, not in the past, bounded.
      .superRefine((v, ctx) => {
        if (v.delegateUserId === null || v.until === undefined) return;
        for (const p of periodProblems({ from: v.from ? new Date(v.from) : undefined, until: new Date(v.until) }, new Date())) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
      }),
  )
  .mutation(async ({ ctx, input }) => {
    const actor = { userId: ctx.user.id, companyId: ctx.company.id };
    if (input.delegateUserId === null) return { delegation: null, ...(await clearDelegation(ctx.tx, actor)) };
    const delegation = await setDelegation(ctx.tx, actor, { delegateUserId: input.delegateUserId, startsAt: input.from ? new Date(input.from) : null, endsAt: new Date(input.until!) });
    return { delegation, cleared: false };
  });
