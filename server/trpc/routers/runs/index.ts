import { router } from '../../init.ts';
import { getRunProcedure } from './get.ts';
import { listRunsProcedure } from './list.ts';

export const runsRouter = router({ list: listRunsProcedure, get: getRunProcedure });
