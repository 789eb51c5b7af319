/**
 * The live change contract: what a run-step (or run) transition announces on the Postgres channel, what the server's
 * feed parses, what `runs.watch` sends and what the overlay applies. The SQL triggers (migration 0013) build the same
 * object with json_build_object; server/services/runs/live-contract.db.test.ts compares their keys with this schema.
 */
import { z } from 'zod';
import { RUN_STATUSES, RUN_STEP_STATUSES } from '../runs/status.ts';

export const RUN_CHANGE_CHANNEL = 'ember_run_steps';

/** `status` of a change to the run itself (stepId ''), whose new status is in `runStatus`. */
export const RUN_ITSELF = 'run';

export const RunStepChangeSchema = z.object({
  companyId: z.string(),
  runId: z.string(),
  /** '' for the run itself. */
  stepId: z.string(),
  status: z.enum([...RUN_STEP_STATUSES, RUN_ITSELF]),
  runStatus: z.enum(RUN_STATUSES).optional(),
  attempts: z.number().nullable().optional(),
  reason: z.string().nullable().optional(),
  workflowId: z.string().optional(),
  /** run_change_seq of this change: the tracked event id a reconnecting subscriber resumes after. */
  seq: z.number(),
});
export type RunStepChange = z.infer<typeof RunStepChangeSchema>;

/** What a watcher needs of a change (the company and workflow are the subscription's). */
export type LiveChange = Omit<RunStepChange, 'companyId' | 'workflowId'>;

/** The channel payload for a change announced from code rather than a trigger: checked against the contract. */
export function runStepChangePayload(change: RunStepChange): string {
  return JSON.stringify(RunStepChangeSchema.parse(change));
}
