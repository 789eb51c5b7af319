import { router } from '../../init.ts';
import { listMembersProcedure } from './list.ts';
import { setRoleProcedure } from './set-role.ts';

export const membersRouter = router({ list: listMembersProcedure, setRole: setRoleProcedure });
