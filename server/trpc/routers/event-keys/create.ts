import { z } from 'zod';
import { createEventKey } from '../../../services/event-keys/manage.ts';
import { companyProcedure } from '../../init.ts';
import { boundedString, TEXT_LIMITS } from '../../../../shared/text/limits.ts';

export const EventKeyNameSchema = boundedString(TEXT_LIMITS.eventKeyName).trim().min(1, 'a key needs a name');

/** Returns the whole key: the only time it is shown (only its hash is stored). */
export const createEventKeyProcedure = companyProcedure('manage_event_keys')
  .input(z.object({ name: EventKeyNameSchema }))
  .mutation(({ ctx, input }) => createEventKey(ctx.tx, ctx.company.id, ctx.user.id, input.name));
