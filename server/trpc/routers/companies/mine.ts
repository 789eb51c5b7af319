import { z } from 'zod';
import { withScope } from '../../../db/tx.ts';
import { listMyCompanies } from '../../../services/companies/find-membership.ts';
import { signedInProcedure } from '../../init.ts';

export const mineProcedure = signedInProcedure
  .input(z.object({}).strict().optional())
  .query(({ ctx }) => withScope(ctx.db, { userId: ctx.user.id }, (tx) => listMyCompanies(tx)));
