import { delegationOf } from '../../../services/gates/delegation.ts';
import { companyProcedure } from '../../init.ts';

/** My out-of-office hand-over, if one is active or still to come: to whom, from, until. Null when there is none. */
export const myDelegationProcedure = companyProcedure('resolve_gates').query(({ ctx }) => delegationOf(ctx.tx, ctx.company.id, ctx.user.id));
