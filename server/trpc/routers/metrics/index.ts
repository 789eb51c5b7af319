import { router } from '../../init.ts';
import { metricsDashboardProcedure } from './dashboard.ts';
import { metricsDrillProcedure } from './drill.ts';
import { metricsHeatmapProcedure } from './heatmap.ts';
import { runHistoryProcedure } from './run-history.ts';

export const metricsRouter = router({ dashboard: metricsDashboardProcedure, drill: metricsDrillProcedure, heatmap: metricsHeatmapProcedure, runHistory: runHistoryProcedure });
