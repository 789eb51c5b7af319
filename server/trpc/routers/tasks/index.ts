import { router } from '../../init.ts';
import { claimTaskProcedure } from './claim.ts';
import { completeTaskProcedure } from './complete.ts';
import { getTaskProcedure } from './get.ts';
import { listTasksProcedure } from './list.ts';

export const tasksRouter = router({ list: listTasksProcedure, get: getTaskProcedure, claim: claimTaskProcedure, complete: completeTaskProcedure });
