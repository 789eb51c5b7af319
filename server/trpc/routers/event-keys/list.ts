import { listEventKeys } from '../../../services/event-keys/manage.ts';
import { companyProcedure } from '../../init.ts';

export const listEventKeysProcedure = companyProcedure('manage_event_keys').query(({ ctx }) => listEventKeys(ctx.tx));
