/**
 * claude-agent-runner (DOMAIN.md F7): the one function that calls Claude. Invoked by other functions and by workflow
 * steps with a SkillCall; loads the skill version that will run, checks the input against its schema, calls the
 * Messages API with the skill's output schema as a forced tool, checks the output (one repair call if it fails),
 * records the call in the ledger (tokens, cost, attempts) and returns the structured output.
 *
 * Retries belong to the engine: rate limits wait for retry-after, overload and 5xx back off, bad requests and a
 * missing API key fail at once. Concurrency per company keeps one tenant's bulk job from starving the others.
 */
import { createHash } from 'node:crypto';
import { invoke, NonRetriableError } from 'inngest';
import { claudeConfigFromEnv, claudeCostUsd } from '../../services/ai/config.ts';
import { sendSkillRequest } from '../../services/ai/claude.ts';
import { imageForClaude } from '../../services/ai/images.ts';
import { CLAUDE_AGENT_RUNNER_ID, SkillCallSchema, type SkillCallResult } from '../../services/ai/invocation.ts';
import { renderSkillInput } from '../../services/ai/render-input.ts';
import { loadSkill, schemaProblems } from '../../services/ai/skill-store.ts';
import { skillDefinition } from '../../services/ai/skills/registry.ts';
import { defaultAssetStore } from '../../services/assets/store.ts';
import { recordAgentRun } from '../../services/ai/agent-runs.ts';
import { inngest } from '../client.ts';
import type { FunctionDeps } from './deps.ts';

export function claudeAgentRunner(deps: FunctionDeps) {
  const claude = deps.claude ?? claudeConfigFromEnv();
  const assets = deps.assets ?? defaultAssetStore();

  return inngest.createFunction(
    {
      id: CLAUDE_AGENT_RUNNER_ID,
      name: 'Claude agent runner',
      triggers: [invoke(SkillCallSchema)],
      retries: 6,
      concurrency: { key: 'event.data.companyId', limit: 4 },
      onFailure: async ({ event, error, step }) => {
        const parsed = SkillCallSchema.safeParse(event.data.event.data);
        if (!parsed.success) return;
        const call = parsed.data;
        await step.run('record-failure', () =>
          recordAgentRun(deps.db, {
            companyId: call.companyId, idempotencyKey: `run:${event.data.run_id}`, skillName: call.skill, skillVersion: call.skillVersion ?? 0,
            model: claude.modelOverride ?? skillDefinition(call.skill)?.model ?? 'unknown', correlation: call.correlation, requestSha256: sha256(call),
            status: 'failed', stopReason: null, inputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: 0, attempts: 1,
            error: { name: error.name, message: error.message },
          }),
        );
      },
    },
    async ({ event, step, runId, attempt }) => {
      const call = SkillCallSchema.parse(event.data);
      const skill = await step.run('load-skill', async () => {
        const row = await loadSkill(deps.db, call.companyId, call.skill, call.skillVersion);
        if (!row) throw new NonRetriableError(`SKILL_NOT_FOUND: no ${call.skillVersion ? `version ${call.skillVersion} of ` : 'active '}skill ${call.skill}`);
        const problems = schemaProblems(row.inputSchema, call.input);
        if (problems) throw new NonRetriableError(`INPUT_SCHEMA_VIOLATION: ${call.skill} input: ${problems}`);
        if (row.usesVision && !call.image) throw new NonRetriableError(`INPUT_SCHEMA_VIOLATION: ${call.skill} needs an image`);
        return row;
      });

      const request = async (repair?: { previous: unknown; problems: string }) => {
        const image = skill.usesVision && call.image ? await imageForClaude(await assets.read(call.image.storageKey)) : undefined;
        const res = await sendSkillRequest(claude, skill, { text: renderSkillInput(skill, call.input), ...(image ? { image: { mediaType: image.mediaType, data: image.data } } : {}), ...(repair ? { repair } : {}) });
        // `attempt` counts this step's earlier failed attempts: the ledger shows how hard the call was.
        return { ...res, attempts: attempt + 1 };
      };

      const first = await step.run('call-claude', () => request());
      let final = first;
      let problems = schemaProblems(skill.outputSchema, first.toolInput);
      if (problems) {
        final = await step.run('repair-claude', () => request({ previous: first.toolInput, problems: problems! }));
        problems = schemaProblems(skill.outputSchema, final.toolInput);
      }
      const inputTokens = first.inputTokens + (final === first ? 0 : final.inputTokens);
      const outputTokens = first.outputTokens + (final === first ? 0 : final.outputTokens);
      const costUsd = claudeCostUsd(claude, inputTokens, outputTokens);
      const attempts = first.attempts + (final === first ? 0 : final.attempts);
      const latencyMs = first.latencyMs + (final === first ? 0 : final.latencyMs);

      const recorded = await step.run('record', () =>
        recordAgentRun(deps.db, {
          companyId: call.companyId, idempotencyKey: `run:${runId}`, skillName: skill.name, skillVersion: skill.version, model: final.model,
          correlation: call.correlation, requestSha256: sha256({ skill: skill.name, version: skill.version, input: call.input, image: call.image ?? null }),
          status: problems ? 'failed' : 'completed', stopReason: final.stopReason, inputTokens, outputTokens, costUsd, latencyMs, attempts,
          error: problems ? { name: 'OUTPUT_SCHEMA_VIOLATION', message: problems } : null,
        }),
      );
      if (problems) throw new NonRetriableError(`OUTPUT_SCHEMA_VIOLATION: ${skill.name} output failed validation twice: ${problems}`);

      const result: SkillCallResult = {
        output: final.toolInput as Record<string, unknown>, agentRunId: recorded.id, skill: skill.name, skillVersion: skill.version, model: final.model,
        inputTokens, outputTokens, costUsd, attempts, latencyMs,
      };
      return result;
    },
  );
}

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
