import { z } from 'zod';
import { listMembers } from '../../../services/members/queries.ts';
import { companyProcedure } from '../../init.ts';

export const listMembersProcedure = companyProcedure('read').input(z.object({})).query(({ ctx }) => listMembers(ctx.tx));
