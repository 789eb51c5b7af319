import { router } from './init.ts';
import { assetsRouter } from './routers/assets/index.ts';
import { authRouter } from './routers/auth/index.ts';
import { companiesRouter } from './routers/companies/index.ts';
import { enrichmentRouter } from './routers/enrichment/index.ts';
import { eventKeysRouter } from './routers/event-keys/index.ts';
import { gatesRouter } from './routers/gates/index.ts';
import { membersRouter } from './routers/members/index.ts';
import { metricsRouter } from './routers/metrics/index.ts';
import { monitoringRouter } from './routers/monitoring/index.ts';
import { notificationsRouter } from './routers/notifications/index.ts';
import { productsRouter } from './routers/products/index.ts';
import { runsRouter } from './routers/runs/index.ts';
import { systemRouter } from './routers/system/index.ts';
import { tasksRouter } from './routers/tasks/index.ts';
import { versionsRouter } from './routers/versions/index.ts';
import { workflowsRouter } from './routers/workflows/index.ts';

export const appRouter = router({
  auth: authRouter,
  system: systemRouter,
  companies: companiesRouter,
  members: membersRouter,
  workflows: workflowsRouter,
  versions: versionsRouter,
  runs: runsRouter,
  gates: gatesRouter,
  products: productsRouter,
  assets: assetsRouter,
  tasks: tasksRouter,
  enrichment: enrichmentRouter,
  metrics: metricsRouter,
  monitoring: monitoringRouter,
  eventKeys: eventKeysRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
