import { router } from '../../init.ts';
import { createEventKeyProcedure } from './create.ts';
import { listEventKeysProcedure } from './list.ts';
import { revokeEventKeyProcedure } from './revoke.ts';

export const eventKeysRouter = router({ list: listEventKeysProcedure, create: createEventKeyProcedure, revoke: revokeEventKeyProcedure });
