import { z } from 'zod';
import { CompanySettingsSchema } from '../../../../shared/settings/company-settings.ts';
import { updateCompanySettings } from '../../../services/companies/settings.ts';
import { companyProcedure } from '../../init.ts';

/** Admins only; a field left out keeps its value. (Not strict: the company slug travels in the same object.) */
export const updateSettingsProcedure = companyProcedure('manage_settings')
  .input(z.object(CompanySettingsSchema.partial().shape))
  .mutation(({ ctx, input }) => updateCompanySettings(ctx.tx, input));
