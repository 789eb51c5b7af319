/** A point of a metrics chart, as the drill-down (metrics.drill) names it. */
import { z } from 'zod';
import { GATE_BUCKETS, LATENCY_BUCKETS } from './vocab.ts';

export const DrillSchema = z.discriminatedUnion('metric', [
  z.object({ metric: z.literal('step_success_rate'), functionId: z.string().min(1).max(200) }),
  z.object({ metric: z.literal('avg_steps_per_run'), workflowId: z.uuid() }),
  z.object({ metric: z.literal('gate_resolution'), bucket: z.number().int().min(0).max(GATE_BUCKETS.length - 1) }),
  z.object({ metric: z.literal('event_to_execution'), bucket: z.number().int().min(0).max(LATENCY_BUCKETS.length - 1) }),
  z.object({ metric: z.literal('workflow_churn'), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
  z.object({ metric: z.literal('cost_per_execution'), workflowId: z.uuid() }),
]);
export type Drill = z.infer<typeof DrillSchema>;

