/**
 * What-if simulation: a workflow graph (a draft, or the published version) walked over runs that already happened
 * (their trigger payloads and what their steps recorded) or over sample payloads, with no side effects.
 *
 * Glossary
 * - recorded step: what one step of a past run left in workflow_run_steps (status, output), with the kind and config
 *   it had in the version that run was pinned to. A side-effecting step of the simulated graph is answered with it
 *   only when the id, kind and config are the same; otherwise its output is unknown.
 * - fate (of a step in one simulated run): `ran`, `failed`, `skipped`, or `uncertain` (the run's possible worlds,
 *   one per answer to each question it cannot answer, disagree: walk.ts). A gate skipped by its `when` ran as far as
 *   its edges go: the engine goes on as if approved.
 * - edge fate: `taken`, `not_taken`, or `uncertain`. Edge counts add these up over the runs.
 * - approval: a human gate that opens for a run (`required`) or may (`maybe`).
 */
import { z } from 'zod';
import { GraphIdSchema } from '../graph/schema.ts';

export const RECORDED_STATUSES = ['pending', 'running', 'completed', 'failed', 'skipped'] as const;

export const RecordedStepSchema = z.object({
  status: z.enum(RECORDED_STATUSES),
  output: z.unknown(),
  kind: z.string(),
  config: z.record(z.string(), z.unknown()),
});
export type RecordedStep = z.infer<typeof RecordedStepSchema>;

/** One trigger occurrence to simulate: a past run (with what it recorded) or a sample payload (nothing recorded). */
export const SimulationRunSchema = z.object({
  id: z.string(),
  label: z.string(),
  eventName: z.string(),
  payload: z.record(z.string(), z.unknown()),
  recorded: z.record(z.string(), RecordedStepSchema),
});
export type SimulationRun = z.infer<typeof SimulationRunSchema>;

export const STEP_FATES = ['ran', 'failed', 'skipped', 'uncertain'] as const;
export type StepFate = (typeof STEP_FATES)[number];
export const EDGE_FATES = ['taken', 'not_taken', 'uncertain'] as const;
export type EdgeFate = (typeof EDGE_FATES)[number];
export const APPROVAL_NEEDS = ['required', 'maybe'] as const;
export type ApprovalNeed = (typeof APPROVAL_NEEDS)[number];

/** One run through one graph. */
export const RunOutcomeSchema = z.object({
  runId: z.string(),
  label: z.string(),
  status: z.enum(['completed', 'failed', 'uncertain']),
  steps: z.record(GraphIdSchema, z.enum(STEP_FATES)),
  edges: z.record(GraphIdSchema, z.enum(EDGE_FATES)),
  /** Gates that open for this run (a `when` that is false needs no approval). */
  approvals: z.record(GraphIdSchema, z.enum(APPROVAL_NEEDS)),
  /** Side-effecting steps that ran with no recorded output to stand for them. */
  unknown: z.array(GraphIdSchema),
  /** Where and why the run fails (an expression error, or a step that failed when the run happened). */
  failure: z.object({ stepId: GraphIdSchema, message: z.string() }).nullable(),
});
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

export const EdgeCountSchema = z.object({ taken: z.number().int(), uncertain: z.number().int() });
export type EdgeCount = z.infer<typeof EdgeCountSchema>;

/** A run whose path through the draft differs from its path through the published version. */
export const PathChangeSchema = z.object({
  runId: z.string(),
  label: z.string(),
  /** Steps that run in the draft and not in the published version, and the other way round. */
  added: z.array(GraphIdSchema),
  removed: z.array(GraphIdSchema),
  /** Approvals the draft asks of this run that the published version did not. */
  newApprovals: z.array(GraphIdSchema),
});
export type PathChange = z.infer<typeof PathChangeSchema>;

export const SimulationResultSchema = z.object({
  total: z.number().int(),
  edges: z.record(GraphIdSchema, EdgeCountSchema),
  approvals: z.record(GraphIdSchema, z.object({ required: z.number().int(), maybe: z.number().int() })),
  runs: z.array(RunOutcomeSchema),
  /** Against the published version; null when there is none to compare with. */
  comparison: z.object({ changed: z.array(PathChangeSchema), publishedEdges: z.record(GraphIdSchema, EdgeCountSchema) }).nullable(),
});
export type SimulationResult = z.infer<typeof SimulationResultSchema>;
