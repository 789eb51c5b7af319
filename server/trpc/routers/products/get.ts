import { getProduct } from '../../../services/products/get.ts';
import { companyProcedure } from '../../init.ts';
import { ProductIdSchema } from './schemas.ts';

export const getProductProcedure = companyProcedure('read').input(ProductIdSchema).query(({ ctx, input }) => getProduct(ctx.tx, input.id));
