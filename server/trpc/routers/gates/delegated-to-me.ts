import { delegationsTo } from '../../../services/gates/delegation.ts';
import { companyProcedure } from '../../init.ts';

/** The people who hand me their approvals, now or later ("You decide for Dana until …"), soonest end first. */
export const delegatedToMeProcedure = companyProcedure('resolve_gates').query(({ ctx }) => delegationsTo(ctx.tx, ctx.company.id, ctx.user.id));
