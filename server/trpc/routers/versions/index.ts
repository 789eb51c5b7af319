import { router } from '../../init.ts';
import { getVersionProcedure } from './get.ts';
import { listVersionsProcedure } from './list.ts';
import { restoreVersionProcedure } from './restore.ts';

export const versionsRouter = router({ list: listVersionsProcedure, get: getVersionProcedure, restore: restoreVersionProcedure });
