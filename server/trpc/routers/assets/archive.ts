import { z } from 'zod';
import { archiveAsset } from '../../../services/assets/manage.ts';
import { companyProcedure } from '../../init.ts';

/** Takes an image out of the gallery and out of validation; its rows and bytes stay for the record. */
export const archiveAssetProcedure = companyProcedure('edit_products')
  .input(z.object({ id: z.uuid() }))
  .mutation(({ ctx, input }) => archiveAsset(ctx.tx, input.id));
