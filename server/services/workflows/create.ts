import { workflows } from '../../../drizzle/schema/index.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { DEFAULT_TRIGGER_CONFIG, type TriggerConfig } from '../../../shared/workflows/trigger-config.ts';
import type { Tx } from '../../db/client.ts';
import { audit } from './audit.ts';
import { replaceDraftGraph } from './graph-rows.ts';

export interface CreateWorkflowInput {
  name: string;
  description?: string;
  triggerConfig?: TriggerConfig;
}

/** A new workflow starts with its trigger step, so the canvas never opens on nothing. */
export function starterGraph(): Graph {
  return {
    steps: [{ id: 'trigger', type: 'trigger', kind: 'trigger', name: 'Trigger', config: {}, position: { x: 0, y: 0 } }],
    edges: [],
  };
}

export async function createWorkflow(tx: Tx, companyId: string, userId: string | null, input: CreateWorkflowInput, graph = starterGraph()) {
  const [row] = await tx
    .insert(workflows)
    .values({
      companyId,
      name: input.name,
      description: input.description ?? '',
      triggerConfig: input.triggerConfig ?? DEFAULT_TRIGGER_CONFIG,
      createdBy: userId,
    })
    .returning();
  await replaceDraftGraph(tx, companyId, row!.id, graph);
  await audit(tx, { companyId, workflowId: row!.id, actorUserId: userId, action: 'created', toRevision: row!.revision });
  return row!;
}
