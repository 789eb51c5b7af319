import { z } from 'zod';
import { createEventKey } from '../../../services/event-keys/manage.ts';
import { companyProcedure } from '../../init.ts';

export const EventKeyNameSchema = z.string().trim().min(1, 'a key needs a name').max(80);

/** Returns the whole key: the only time it is shown (only its hash is stored). */
export const createEventKeyProcedure = companyProcedure('manage_event_keys')
  .input(z.object({ name: EventKeyNameSchema }))
  .mutation(({ ctx, input }) => createEventKey(ctx.tx, ctx.company.id, ctx.user.id, input.name));
