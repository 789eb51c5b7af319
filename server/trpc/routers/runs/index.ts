import { router } from '../../init.ts';
import { runAttemptsProcedure } from './attempts.ts';
import { cancelRunProcedure } from './cancel.ts';
import { getRunProcedure } from './get.ts';
import { listRunsProcedure } from './list.ts';
import { rerunRunProcedure } from './rerun.ts';
import { startRunProcedure } from './start.ts';
import { watchRunsProcedure } from './watch.ts';

export const runsRouter = router({ list: listRunsProcedure, get: getRunProcedure, start: startRunProcedure, cancel: cancelRunProcedure, watch: watchRunsProcedure, attempts: runAttemptsProcedure, rerun: rerunRunProcedure });
