import { z } from 'zod';
import { ROLES } from '../../../../shared/roles.ts';
import { setMemberRole } from '../../../services/members/queries.ts';
import { companyProcedure } from '../../init.ts';

export const setRoleProcedure = companyProcedure('manage_members')
  .input(z.object({ userId: z.uuid(), role: z.enum(ROLES) }))
  .mutation(({ ctx, input }) => setMemberRole(ctx.tx, ctx.user.id, input.userId, input.role));
