import { router } from '../../init.ts';
import { mineProcedure } from './mine.ts';
import { settingsProcedure } from './settings.ts';
import { updateSettingsProcedure } from './update-settings.ts';

export const companiesRouter = router({ mine: mineProcedure, settings: settingsProcedure, updateSettings: updateSettingsProcedure });
