import { router } from '../../init.ts';
import { approvalPoliciesProcedure } from './approval-policies.ts';
import { mineProcedure } from './mine.ts';
import { setApprovalPoliciesProcedure } from './set-approval-policies.ts';
import { settingsProcedure } from './settings.ts';
import { updateSettingsProcedure } from './update-settings.ts';

export const companiesRouter = router({ mine: mineProcedure, settings: settingsProcedure, updateSettings: updateSettingsProcedure, approvalPolicies: approvalPoliciesProcedure, setApprovalPolicies: setApprovalPoliciesProcedure });
