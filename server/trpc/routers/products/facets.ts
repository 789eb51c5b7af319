import { productFacets } from '../../../services/products/list.ts';
import { companyProcedure } from '../../init.ts';

/** Categories and retailers for the product list's filters. */
export const productFacetsProcedure = companyProcedure('read').query(({ ctx }) => productFacets(ctx.tx));
