/** One row of the workflow list, as workflows.list answers it. */
import type { RouterOutputs } from '../trpc.ts';

export type WorkflowSummary = RouterOutputs['workflows']['list'][number];
