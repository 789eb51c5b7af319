import { router } from '../../init.ts';
import { checkNowProcedure } from './check-now.ts';
import { complianceProcedure } from './compliance.ts';
import { specChangesProcedure } from './spec-changes.ts';

export const monitoringRouter = router({ specChanges: specChangesProcedure, compliance: complianceProcedure, checkNow: checkNowProcedure });
