import { z } from 'zod';
import { ApprovalPolicyListSchema } from '../../../../shared/approvals/policy.ts';
import { setApprovalPolicies } from '../../../services/companies/approval-policies.ts';
import { companyProcedure } from '../../init.ts';

/** Admins replace the whole list: "every step of kinds … must be preceded on every path by an approval with …". */
export const setApprovalPoliciesProcedure = companyProcedure('manage_settings')
  .input(z.object({ policies: ApprovalPolicyListSchema }))
  .mutation(({ ctx, input }) => setApprovalPolicies(ctx.tx, input.policies));
