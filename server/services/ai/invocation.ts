/**
 * How any function calls Claude: by invoking `claude-agent-runner` (DOMAIN.md F7) with a SkillCall. One function owns
 * the model calls, so concurrency, rate-limit handling, output validation and the cost ledger live in one place.
 *
 *   const out = await callSkill(step, `tag:${asset.id}`, { companyId, skill: 'tag_image', input: {...}, image: { storageKey } });
 *
 * A failed call (bad request, no API key, output that fails validation twice) makes `step.invoke` throw.
 */
import { FUNCTION_IDS } from '../../../shared/functions/ids.ts';
import { referenceFunction } from 'inngest';
import { z } from 'zod';
import { SKILL_NAMES } from '../../../shared/ai/vocab.ts';

export const CLAUDE_AGENT_RUNNER_ID = FUNCTION_IDS.claudeAgentRunner;

export const SkillCallSchema = z.object({
  companyId: z.string().uuid(),
  skill: z.enum(SKILL_NAMES),
  /** Pin a skill version (shadow runs try a new prompt); unset: the active one. */
  skillVersion: z.number().int().positive().optional(),
  input: z.record(z.string(), z.unknown()),
  /** For vision skills: an image from the asset store, downscaled before it is sent. */
  image: z.object({ storageKey: z.string().min(1) }).optional(),
  /** What the call is for; workflowRunId also adds the call's cost to that run. */
  correlation: z
    .object({
      workflowRunId: z.string().uuid().optional(),
      stepId: z.string().optional(),
      jobId: z.string().uuid().optional(),
      productId: z.string().uuid().optional(),
      assetId: z.string().uuid().optional(),
      listingId: z.string().uuid().optional(),
    })
    .default({}),
});
export type SkillCall = z.input<typeof SkillCallSchema>;

export interface SkillCallResult {
  output: Record<string, unknown>;
  agentRunId: string;
  skill: string;
  skillVersion: number;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  attempts: number;
  latencyMs: number;
}

export const claudeAgentRunnerRef = referenceFunction({ functionId: CLAUDE_AGENT_RUNNER_ID });

interface InvokingStep {
  invoke(id: string, opts: { function: typeof claudeAgentRunnerRef; data: SkillCall; timeout?: string }): Promise<unknown>;
}

/** Invokes claude-agent-runner as a durable step `id` of the calling function. */
export async function callSkill(step: unknown, id: string, call: SkillCall): Promise<SkillCallResult> {
  return (await (step as InvokingStep).invoke(id, { function: claudeAgentRunnerRef, data: call, timeout: '15m' })) as SkillCallResult;
}
