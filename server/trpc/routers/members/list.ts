import { listMembers } from '../../../services/members/queries.ts';
import { companyProcedure } from '../../init.ts';

export const listMembersProcedure = companyProcedure('read').query(({ ctx }) => listMembers(ctx.tx));
