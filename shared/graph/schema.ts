/**
 * The workflow graph, as the canvas edits it and as a published version freezes it.
 *
 * Glossary
 * - step: one node of the DAG. `type` is the coarse class the database enum stores
 *   (`trigger | action | condition | human_gate`); `kind` names the concrete step kind in the registry
 *   (`condition`, `http_request`, …) and decides the shape of `config`.
 * - edge: a directed connection source → target. Edges leaving a condition carry `label` `yes` or `no`;
 *   every other edge has `label: null`.
 * - draft: the editable steps and edges of a workflow. version: an immutable snapshot of a draft at publish.
 * - well-formed: parses with this schema, ids unique, every edge names existing steps. Enough to save a draft.
 * - valid: well-formed and `validateDag` reports no issue. Required to publish or enable.
 */
import { z } from 'zod';
import { boundedString, TEXT_LIMITS } from '../text/limits.ts';

export const STEP_TYPES = ['trigger', 'action', 'condition', 'human_gate'] as const;
export const StepTypeSchema = z.enum(STEP_TYPES);
export type StepType = z.infer<typeof StepTypeSchema>;

export const EDGE_LABELS = ['yes', 'no'] as const;
export const EdgeLabelSchema = z.enum(EDGE_LABELS);
export type EdgeLabel = z.infer<typeof EdgeLabelSchema>;

/** Ids are chosen by the client (copy/paste needs fresh ids before a save), so they are short opaque strings. */
export const GraphIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'ids may contain letters, digits, "-" and "_" only');

export const PositionSchema = z.object({
  x: z.number().finite().min(-1e6).max(1e6),
  y: z.number().finite().min(-1e6).max(1e6),
});

export const StepSchema = z.object({
  id: GraphIdSchema,
  type: StepTypeSchema,
  kind: z.string().min(1).max(64),
  name: boundedString(TEXT_LIMITS.stepName).trim().min(1, 'a step needs a name'),
  config: z.record(z.string(), z.unknown()),
  position: PositionSchema,
});
export type Step = z.infer<typeof StepSchema>;

export const EdgeSchema = z.object({
  id: GraphIdSchema,
  source: GraphIdSchema,
  target: GraphIdSchema,
  label: EdgeLabelSchema.nullable(),
});
export type Edge = z.infer<typeof EdgeSchema>;

/** Hard cap on what one request may carry; the DAG limit (MAX_STEPS) is a validation issue, not a parse error. */
export const MAX_PAYLOAD_STEPS = 1000;

export const GraphSchema = z.object({
  steps: z.array(StepSchema).max(MAX_PAYLOAD_STEPS),
  edges: z.array(EdgeSchema).max(MAX_PAYLOAD_STEPS * 4),
});
export type Graph = z.infer<typeof GraphSchema>;
