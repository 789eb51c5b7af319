import { z } from 'zod';
import { INPUT_LIMITS } from '../../../../shared/input/limits.ts';
import { importProductsCsv } from '../../../services/products/import-csv.ts';
import { companyProcedure } from '../../init.ts';

/** 50 MB of CSV text: about 150k typical rows. */
const MAX_CSV_CHARS = 50_000_000;

/** Imports a CSV all or nothing; errors come back as INVALID_INPUT with `details.errors` by line and column. */
export const importProductsCsvProcedure = companyProcedure('edit_products')
  // The file's own limit (characters, below) speaks first: the guard's size bound allows 4 UTF-8 bytes a character.
  .meta({ access: 'edit_products', maxInputBytes: 4 * MAX_CSV_CHARS + INPUT_LIMITS.request.maxBytes })
  .input(z.object({ filename: z.string().trim().min(1).max(200), csv: z.string().min(1, 'the file is empty').max(MAX_CSV_CHARS, 'the file is larger than 50 MB') }))
  .mutation(async ({ ctx, input }) => {
    const res = await importProductsCsv(ctx.tx, { companyId: ctx.company.id, userId: ctx.user.id, filename: input.filename, csv: input.csv });
    ctx.afterCommit(() => ctx.sendEvent(res.events));
    return { batchId: res.batchId, rowCount: res.rowCount, created: res.created, updated: res.updated, unchanged: res.unchanged };
  });
