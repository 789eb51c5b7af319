/**
 * Repairs workflow runs whose engine run was cancelled while their rows still say running or waiting (left by code
 * that cancelled the engine without the rows). New cancellations never need it: they go through cancel.ts, and the
 * engine's own are mirrored by workflow-run-cancelled.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listCompanyIds } from '../../db/system.ts';
import { withCompany } from '../../db/tx.ts';
import { cancelRunForEngine } from './cancel.ts';

export interface EngineRuns {
  cancelledWorkflowRuns(workflowRunIds: string[]): Promise<string[]>;
}

export async function repairCancelledRuns(db: Db, engine: EngineRuns): Promise<string[]> {
  const repaired: string[] = [];
  for (const company of await listCompanyIds(db)) {
    const open = await withCompany(db, company.id, (tx) => tx.execute<{ id: string }>(sql`select id from workflow_runs where status in ('running', 'waiting') order by id limit 5000`));
    const cancelled = await engine.cancelledWorkflowRuns(open.map((r) => r.id));
    for (const runId of cancelled) {
      if ((await cancelRunForEngine(db, company.id, runId, 'run cancelled')).changed) repaired.push(runId);
    }
  }
  return repaired;
}
