/**
 * Everything that stops a graph from being published: its own issues (validateDag) and the company approval
 * policies it breaks. The editor gets the same list from get and saveGraph that publish refuses with, so the canvas
 * marks a step that breaks a policy before anyone presses Publish.
 */
import { policyDagIssues } from '../../../shared/approvals/policy.ts';
import type { Graph } from '../../../shared/graph/schema.ts';
import { validateDag, type DagIssue } from '../../../shared/graph/validate.ts';
import type { Tx } from '../../db/client.ts';
import { getApprovalPolicies } from '../companies/approval-policies.ts';

export async function policyIssues(tx: Tx, graph: Graph): Promise<DagIssue[]> {
  return policyDagIssues(graph, await getApprovalPolicies(tx));
}

export async function draftIssues(tx: Tx, graph: Graph): Promise<DagIssue[]> {
  return [...validateDag(graph), ...(await policyIssues(tx, graph))];
}
