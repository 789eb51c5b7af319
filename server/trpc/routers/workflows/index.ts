import { router } from '../../init.ts';
import { createProcedure } from './create.ts';
import { deleteProcedure } from './delete.ts';
import { getProcedure } from './get.ts';
import { listProcedure } from './list.ts';
import { publishProcedure } from './publish.ts';
import { saveGraphProcedure } from './save-graph.ts';
import { setEnabledProcedure } from './set-enabled.ts';
import { simulateProcedure } from './simulate.ts';
import { testStepProcedure } from './test-step.ts';
import { updateProcedure } from './update.ts';

export const workflowsRouter = router({
  list: listProcedure,
  get: getProcedure,
  create: createProcedure,
  update: updateProcedure,
  setEnabled: setEnabledProcedure,
  delete: deleteProcedure,
  saveGraph: saveGraphProcedure,
  publish: publishProcedure,
  testStep: testStepProcedure,
  simulate: simulateProcedure,
});
