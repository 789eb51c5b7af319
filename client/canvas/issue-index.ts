/** validateDag's issues, indexed by what they are about, so each node and edge finds its own in O(1). */
import type { DagIssue } from '../../shared/graph/validate.ts';

export interface IssueIndex {
  all: DagIssue[];
  byStep: ReadonlyMap<string, DagIssue[]>;
  byEdge: ReadonlyMap<string, DagIssue[]>;
}

export function indexIssues(issues: DagIssue[]): IssueIndex {
  const byStep = new Map<string, DagIssue[]>();
  const byEdge = new Map<string, DagIssue[]>();
  for (const issue of issues) {
    // An edge issue that also names a step (e.g. a branch edge leaving a condition) belongs to the edge.
    if (issue.edgeId) byEdge.set(issue.edgeId, [...(byEdge.get(issue.edgeId) ?? []), issue]);
    else if (issue.stepId) byStep.set(issue.stepId, [...(byStep.get(issue.stepId) ?? []), issue]);
  }
  return { all: issues, byStep, byEdge };
}

/** The top-level config field an INVALID_CONFIG issue is about (`mapping.total` → `mapping`), if any. */
export function issueField(issue: DagIssue): string | undefined {
  return issue.field ? issue.field.split('.')[0] || undefined : undefined;
}
