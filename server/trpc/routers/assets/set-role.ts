import { z } from 'zod';
import { ASSET_ROLES } from '../../../../shared/assets/vocab.ts';
import { setAssetRole } from '../../../services/assets/manage.ts';
import { companyProcedure } from '../../init.ts';

/** Sets (or accepts the suggested) role; validation runs again for the new role once the change committed. */
export const setAssetRoleProcedure = companyProcedure('edit_products')
  .input(z.object({ id: z.uuid(), role: z.enum(ASSET_ROLES) }))
  .mutation(async ({ ctx, input }) => {
    const res = await setAssetRole(ctx.tx, ctx.company.id, input.id, input.role);
    if (res.events.length) ctx.afterCommit(() => ctx.sendEvent(res.events));
    return { changed: res.changed };
  });
