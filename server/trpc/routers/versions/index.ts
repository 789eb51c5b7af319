import { router } from '../../init.ts';
import { getVersionProcedure } from './get.ts';
import { listVersionsProcedure } from './list.ts';

export const versionsRouter = router({ list: listVersionsProcedure, get: getVersionProcedure });
