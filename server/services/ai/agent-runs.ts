/**
 * The Claude call ledger. One row per skill invocation, keyed by the invoking Inngest run, so a retried record step
 * (or the failure handler after a recorded failure) writes nothing twice. A call made for a workflow run adds its
 * tokens and cost to that run in the same transaction.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { withCompany } from '../../db/tx.ts';

export interface AgentRunRecord {
  companyId: string;
  idempotencyKey: string;
  skillName: string;
  skillVersion: number;
  model: string;
  correlation: Record<string, unknown>;
  requestSha256: string;
  status: 'completed' | 'failed';
  stopReason: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  attempts: number;
  error: Record<string, unknown> | null;
}

export async function recordAgentRun(db: Db, r: AgentRunRecord): Promise<{ id: string; created: boolean }> {
  const workflowRunId = typeof r.correlation.workflowRunId === 'string' ? r.correlation.workflowRunId : null;
  return withCompany(db, r.companyId, async (tx) => {
    const [row] = await tx.execute<{ id: string }>(sql`
      insert into agent_runs (company_id, skill_name, skill_version, model, correlation, workflow_run_id, idempotency_key, request_sha256,
                              status, stop_reason, input_tokens, output_tokens, cost_usd, latency_ms, attempts, error)
      values (${r.companyId}, ${r.skillName}, ${r.skillVersion}, ${r.model}, ${JSON.stringify(r.correlation)}::jsonb, ${workflowRunId},
              ${r.idempotencyKey}, ${r.requestSha256}, ${r.status}, ${r.stopReason}, ${r.inputTokens}, ${r.outputTokens}, ${r.costUsd},
              ${r.latencyMs}, ${r.attempts}, ${r.error ? JSON.stringify(r.error) : null}::jsonb)
      on conflict (company_id, idempotency_key) do nothing
      returning id`);
    if (!row) {
      const [existing] = await tx.execute<{ id: string }>(sql`select id from agent_runs where company_id = ${r.companyId} and idempotency_key = ${r.idempotencyKey}`);
      return { id: existing!.id, created: false };
    }
    if (workflowRunId && (r.inputTokens || r.outputTokens)) {
      await tx.execute(sql`
        update workflow_runs set claude_input_tokens = claude_input_tokens + ${r.inputTokens}, claude_output_tokens = claude_output_tokens + ${r.outputTokens},
          claude_cost_usd = claude_cost_usd + ${r.costUsd}, cost_usd = cost_usd + ${r.costUsd}
        where id = ${workflowRunId}`);
    }
    return { id: row.id, created: true };
  });
}
