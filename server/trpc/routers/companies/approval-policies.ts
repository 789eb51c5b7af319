import { getApprovalPolicies } from '../../../services/companies/approval-policies.ts';
import { companyProcedure } from '../../init.ts';

/** The company's approval policies (publish checks them; the editor shows them). */
export const approvalPoliciesProcedure = companyProcedure('read').query(({ ctx }) => getApprovalPolicies(ctx.tx));
