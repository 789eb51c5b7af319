import { z } from 'zod';
import { revokeEventKey } from '../../../services/event-keys/manage.ts';
import { companyProcedure } from '../../init.ts';

export const revokeEventKeyProcedure = companyProcedure('manage_event_keys')
  .input(z.object({ id: z.uuid() }))
  .mutation(({ ctx, input }) => revokeEventKey(ctx.tx, ctx.user.id, input.id));
