import { router } from '../../init.ts';
import { productFacetsProcedure } from './facets.ts';
import { getProductProcedure } from './get.ts';
import { productHistoryProcedure } from './history.ts';
import { importProductsCsvProcedure } from './import-csv.ts';
import { listProductsProcedure } from './list.ts';
import { productRunsProcedure } from './runs.ts';
import { updateProductFieldProcedure } from './update-field.ts';

export const productsRouter = router({
  list: listProductsProcedure,
  facets: productFacetsProcedure,
  get: getProductProcedure,
  history: productHistoryProcedure,
  runs: productRunsProcedure,
  updateField: updateProductFieldProcedure,
  importCsv: importProductsCsvProcedure,
});
