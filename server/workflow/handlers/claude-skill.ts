import { CLAUDE_AGENT_RUNNER_ID, type SkillCallResult } from '../../services/ai/invocation.ts';
import { celValue } from '../../../shared/cel/evaluate.ts';
import { claudeSkillStep } from '../../../shared/steps/kinds/claude-skill.ts';
import { celVars } from '../vars.ts';
import { defineInvokeHandler, PermanentStepError } from './types.ts';

/** Invokes claude-agent-runner; the call is correlated to this run and step, so its cost lands on the run. */
export const claudeSkillHandler = defineInvokeHandler(
  claudeSkillStep,
  async (ctx, config) => {
    const input: Record<string, unknown> = {};
    for (const [field, expression] of Object.entries(config.input)) {
      try {
        input[field] = celValue(expression, celVars(ctx.vars));
      } catch (err) {
        throw new PermanentStepError(`${field}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    return {
      functionId: CLAUDE_AGENT_RUNNER_ID,
      data: { companyId: ctx.companyId, skill: config.skill, ...(config.version ? { skillVersion: config.version } : {}), input, correlation: { workflowRunId: ctx.runId, stepId: ctx.stepId } },
    };
  },
  async (_ctx, _config, result) => {
    const r = result as SkillCallResult;
    return { output: { ...r.output, claude: { model: r.model, skillVersion: r.skillVersion, inputTokens: r.inputTokens, outputTokens: r.outputTokens, costUsd: r.costUsd, attempts: r.attempts, agentRunId: r.agentRunId } } };
  },
);
