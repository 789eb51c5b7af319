/**
 * What-if over a workflow's recent runs or sample payloads: gathers the runs (their payloads, and what each step
 * recorded with the kind and config it had in that run's version), then leaves the walk to shared/simulate. Reads
 * only; the caller makes the transaction read-only, so Postgres itself refuses any write.
 */
import { eq, sql } from 'drizzle-orm';
import { workflowVersions } from '../../../drizzle/schema/index.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import type { RecordedStep, SimulationResult, SimulationRun } from '../../../shared/simulate/schema.ts';
import { simulate } from '../../../shared/simulate/simulate.ts';
import type { Tx } from '../../db/client.ts';
import { loadDraftGraph } from './graph-rows.ts';
import { loadWorkflow } from './load.ts';

export type SimulationSource = { lastRuns: number } | { samples: Record<string, unknown>[] };

export async function simulateWorkflow(tx: Tx, input: { workflowId: string; graph?: Graph; source: SimulationSource }): Promise<SimulationResult> {
  const wf = await loadWorkflow(tx, input.workflowId);
  const draft = input.graph ?? (await loadDraftGraph(tx, wf.id));
  const published = wf.publishedVersionId
    ? ((await tx.select({ graph: workflowVersions.graph }).from(workflowVersions).where(eq(workflowVersions.id, wf.publishedVersionId)))[0]?.graph ?? null)
    : null;
  const runs = 'lastRuns' in input.source ? await recentRuns(tx, wf.id, input.source.lastRuns) : samples(input.source.samples);
  return simulate(draft, runs, { workflowId: wf.id, published });
}

function samples(payloads: Record<string, unknown>[]): SimulationRun[] {
  // The same name a manual "Run now" gives its event; nothing was recorded, so every side effect is unknown.
  return payloads.map((payload, i) => ({ id: `sample-${i + 1}`, label: `Sample ${i + 1}`, eventName: 'manual', payload, recorded: {} }));
}

/**
 * The last `n` finished runs (completed or failed: a run still going has not done all it will), newest first, each
 * with its steps as recorded and the step kind and config of the version it ran on.
 */
async function recentRuns(tx: Tx, workflowId: string, n: number): Promise<SimulationRun[]> {
  const rows = await tx.execute<{ id: string; created_at: string; event_name: string; payload: Record<string, unknown>; steps: Record<string, RecordedStep> | null }>(sql`
    select r.id, r.created_at, coalesce(r.trigger_event_name, r.trigger_type) as event_name, r.trigger_payload as payload,
      (select jsonb_object_agg(s.step_id, jsonb_build_object('status', s.status, 'output', s.output,
                'kind', coalesce(vs->>'kind', ''), 'config', coalesce(vs->'config', '{}'::jsonb)))
         from workflow_run_steps s
         left join lateral jsonb_array_elements(v.graph->'steps') vs on vs->>'id' = s.step_id
        where s.run_id = r.id) as steps
    from workflow_runs r join workflow_versions v on v.id = r.workflow_version_id
    where r.workflow_id = ${workflowId} and r.status in ('completed', 'failed')
    order by r.created_at desc, r.id desc
    limit ${n}`);
  return rows.map((r) => ({
    id: r.id,
    label: new Date(r.created_at).toISOString().slice(0, 16).replace('T', ' '),
    eventName: r.event_name,
    payload: r.payload ?? {},
    recorded: r.steps ?? {},
  }));
}
