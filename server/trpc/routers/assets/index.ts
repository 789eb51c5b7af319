import { router } from '../../init.ts';
import { archiveAssetProcedure } from './archive.ts';
import { listAssetsProcedure } from './list.ts';
import { setAssetRoleProcedure } from './set-role.ts';

export const assetsRouter = router({
  list: listAssetsProcedure,
  setRole: setAssetRoleProcedure,
  archive: archiveAssetProcedure,
});
