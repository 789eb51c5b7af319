/**
 * One skill call made directly rather than by invoking claude-agent-runner: for a step tested alone in the editor,
 * which has no run to invoke from. The same checks (skill found, input schema), request, one repair of an output
 * that fails its schema, and row in the agent_runs ledger as the runner; no engine retries: a test shows the
 * first failure, in the runner's words.
 */
import { createHash } from 'node:crypto';
import { sendSkillRequest } from './claude.ts';
import { claudeCostUsd, type ClaudeConfig } from './config.ts';
import { recordAgentRun } from './agent-runs.ts';
import type { SkillCallResult } from './invocation.ts';
import { renderSkillInput } from './render-input.ts';
import { loadSkill, schemaProblems } from './skill-store.ts';
import type { Db } from '../../db/client.ts';

export interface DirectSkillCall {
  companyId: string;
  skill: string;
  skillVersion?: number | undefined;
  input: Record<string, unknown>;
  /** What the call is for, for the ledger (a test has no run). */
  correlation: Record<string, unknown>;
  /** Unique per call: the ledger row's idempotency key. */
  key: string;
}

export async function callSkillOnce(db: Db, claude: ClaudeConfig, call: DirectSkillCall): Promise<SkillCallResult> {
  const skill = await loadSkill(db, call.companyId, call.skill, call.skillVersion);
  if (!skill) throw new Error(`SKILL_NOT_FOUND: no ${call.skillVersion ? `version ${call.skillVersion} of ` : 'active '}skill ${call.skill}`);
  const inputProblems = schemaProblems(skill.inputSchema, call.input);
  if (inputProblems) throw new Error(`INPUT_SCHEMA_VIOLATION: ${call.skill} input: ${inputProblems}`);
  if (skill.usesVision) throw new Error(`${call.skill} needs an image: it cannot be tested alone`);

  const text = renderSkillInput(skill, call.input);
  const first = await sendSkillRequest(claude, skill, { text });
  let final = first;
  let problems = schemaProblems(skill.outputSchema, first.toolInput);
  if (problems) {
    final = await sendSkillRequest(claude, skill, { text, repair: { previous: first.toolInput, problems } });
    problems = schemaProblems(skill.outputSchema, final.toolInput);
  }
  const twice = final !== first;
  const inputTokens = first.inputTokens + (twice ? final.inputTokens : 0);
  const outputTokens = first.outputTokens + (twice ? final.outputTokens : 0);
  const costUsd = claudeCostUsd(claude, inputTokens, outputTokens);
  const latencyMs = first.latencyMs + (twice ? final.latencyMs : 0);
  const attempts = twice ? 2 : 1;
  const recorded = await recordAgentRun(db, {
    companyId: call.companyId, idempotencyKey: call.key, skillName: skill.name, skillVersion: skill.version, model: final.model,
    correlation: call.correlation, requestSha256: createHash('sha256').update(JSON.stringify({ skill: skill.name, version: skill.version, input: call.input, image: null })).digest('hex'),
    status: problems ? 'failed' : 'completed', stopReason: final.stopReason, inputTokens, outputTokens, costUsd, latencyMs, attempts,
    error: problems ? { name: 'OUTPUT_SCHEMA_VIOLATION', message: problems } : null,
  });
  if (problems) throw new Error(`OUTPUT_SCHEMA_VIOLATION: ${skill.name} output failed validation twice: ${problems}`);
  return { output: final.toolInput as Record<string, unknown>, agentRunId: recorded.id, skill: skill.name, skillVersion: skill.version, model: final.model, inputTokens, outputTokens, costUsd, attempts, latencyMs };
}
