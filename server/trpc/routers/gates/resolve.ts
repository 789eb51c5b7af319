import { z } from 'zod';
import { announceGateVote } from '../../../services/gates/announce.ts';
import { resolveGate } from '../../../services/gates/resolve.ts';
import { companyProcedure } from '../../init.ts';

export const resolveGateProcedure = companyProcedure('resolve_gates')
  .input(
    z
      .object({ taskId: z.uuid(), decision: z.enum(['approved', 'rejected']), comment: z.string().trim().max(4000).optional(), onBehalfOf: z.uuid().max(36).optional(), level: z.number().int().min(0).max(20).optional() })
      .refine((v) => v.decision === 'approved' || (v.comment ?? '').length > 0, { path: ['comment'], message: 'say why you reject' }),
  )
  .mutation(async ({ ctx, input }) => {
    const res = await resolveGate(ctx.tx, { userId: ctx.user.id, role: ctx.company.role, companyId: ctx.company.id }, { taskId: input.taskId, decision: input.decision, comment: input.comment || null, onBehalfOf: input.onBehalfOf ?? null, level: input.level ?? null });
    // Watchers of the run see the vote (a level closing) at once, not only when the whole gate ends.
    if (!res.alreadyDecided) await announceGateVote(ctx.tx, ctx.company.id, res.taskId);
    // Re-sending for a repeated decision is harmless (same event id) and covers a send lost the first time.
    ctx.afterCommit(() => ctx.sendEvent([res.event, ...(('notify' in res ? res.notify : undefined) ?? [])]));
    return { taskId: res.taskId, decision: res.decision, alreadyDecided: res.alreadyDecided };
  });
