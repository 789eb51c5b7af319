import { getCompanySettings } from '../../../services/companies/settings.ts';
import { companyProcedure } from '../../init.ts';

/** Every member reads them: the editor takes new steps' defaults from here. */
export const settingsProcedure = companyProcedure('read').query(({ ctx }) => getCompanySettings(ctx.tx));
