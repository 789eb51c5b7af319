/** Mapping between the shared Graph shape and the workflow_steps / workflow_edges rows. */
import { asc, eq } from 'drizzle-orm';
import { workflowEdges, workflowSteps } from '../../../drizzle/schema/index.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import type { Tx } from '../../db/client.ts';

export async function loadDraftGraph(tx: Tx, workflowId: string): Promise<Graph> {
  const [steps, edges] = await Promise.all([
    tx.select().from(workflowSteps).where(eq(workflowSteps.workflowId, workflowId)).orderBy(asc(workflowSteps.id)),
    tx.select().from(workflowEdges).where(eq(workflowEdges.workflowId, workflowId)).orderBy(asc(workflowEdges.id)),
  ]);
  return {
    steps: steps.map((s) => ({
      id: s.id,
      type: s.stepType,
      kind: s.kind,
      name: s.name,
      config: s.stepConfig,
      position: { x: s.positionX, y: s.positionY },
    })),
    edges: edges.map((e) => ({ id: e.id, source: e.sourceStepId, target: e.targetStepId, label: e.edgeLabel })),
  };
}

/** Replaces the draft wholesale; the caller holds the workflow row lock and has checked the graph is well-formed. */
export async function replaceDraftGraph(tx: Tx, companyId: string, workflowId: string, graph: Graph): Promise<void> {
  await tx.delete(workflowSteps).where(eq(workflowSteps.workflowId, workflowId)); // edges cascade
  if (graph.steps.length) {
    await tx.insert(workflowSteps).values(
      graph.steps.map((s) => ({
        workflowId,
        companyId,
        id: s.id,
        stepType: s.type,
        kind: s.kind,
        name: s.name,
        stepConfig: s.config,
        positionX: s.position.x,
        positionY: s.position.y,
      })),
    );
  }
  if (graph.edges.length) {
    await tx.insert(workflowEdges).values(
      graph.edges.map((e) => ({ workflowId, companyId, id: e.id, sourceStepId: e.source, targetStepId: e.target, edgeLabel: e.label })),
    );
  }
}
