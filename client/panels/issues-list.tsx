/**
 * Every validateDag issue of the draft. Clicking one selects its step (focusing the field at fault) or its
 * connection, and brings it into view.
 */
import { useReactFlow } from '@xyflow/react';
import type { Graph } from '../../shared/graph/schema.ts';
import type { DagIssue } from '../../shared/graph/validate.ts';
import { issueField, type IssueIndex } from '../canvas/issue-index.ts';
import { requestFocus, setSelection, useEditor, useEditorStore } from '../canvas/store.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import { PanelFrame } from '../ui/panel-frame.tsx';
import { Check } from 'lucide-react';

/**
 * What each issue is about ("Check amount → Refund"), worked out once per issue index. Every change but a move
 * makes a new index, and a move changes no name, so the list need not follow the graph frame by frame.
 */
interface Subject {
  about: string | undefined;
  edge: { id: string; source: string; target: string } | undefined;
}
const subjects = new WeakMap<IssueIndex, Subject[]>();

function subjectsOf(index: IssueIndex, graph: Graph): Subject[] {
  let out = subjects.get(index);
  if (!out) {
    const names = new Map(graph.steps.map((s) => [s.id, s.name]));
    const edges = new Map(graph.edges.map((e) => [e.id, e]));
    out = index.all.map((issue) => {
      const edge = issue.edgeId ? edges.get(issue.edgeId) : undefined;
      const about = edge ? `${names.get(edge.source) ?? edge.source} → ${names.get(edge.target) ?? edge.target}` : issue.stepId ? names.get(issue.stepId) : undefined;
      return { about, edge: edge && { id: edge.id, source: edge.source, target: edge.target } };
    });
    subjects.set(index, out);
  }
  return out;
}

/** What "no issues" means for publishing: the draft may already be the version that runs. */
export function readyMessage(published: { version: number; sourceRevision: number } | null, revision: number): string {
  if (!published) return 'The workflow is valid. Publish it to make this draft the version that runs.';
  if (published.sourceRevision === revision) return `The workflow is valid, and this draft is published as version ${published.version}: it is the version that runs.`;
  return `The workflow is valid. Version ${published.version} runs now; publish to make this draft the next version.`;
}

export function IssuesList() {
  const store = useEditorStore();
  const { fitView } = useReactFlow();
  const issues = useEditor((s) => s.issues.all);
  const about = useEditor((s) => subjectsOf(s.issues, s.graph));
  const ready = useEditor((s) => readyMessage(s.meta.published, s.meta.revision));

  function open(issue: DagIssue, i: number) {
    const edge = about[i]?.edge;
    if (edge) {
      setSelection(store, [], [edge.id]);
      void fitView({ nodes: [{ id: edge.source }, { id: edge.target }], duration: 300, maxZoom: 1, padding: 0.5 });
    } else if (issue.stepId) {
      requestFocus(store, issue.stepId, issueField(issue));
      void fitView({ nodes: [{ id: issue.stepId }], duration: 300, maxZoom: 1, padding: 1.5 });
    }
  }

  return (
    <PanelFrame title="Issues" subtitle={issues.length ? 'Publishing waits until these are fixed.' : undefined} data-testid="issues-list">
      {issues.length === 0 ? (
        <div className="flex flex-col items-center gap-2 py-8 text-center">
          <span aria-hidden="true" className="flex size-10 items-center justify-center rounded-full bg-emerald-50 text-emerald-600 ring-1 ring-emerald-200">
            <Check className="size-5" />
          </span>
          <p className="font-medium text-zinc-800">No issues</p>
          <p className="max-w-56 text-xs text-zinc-500" data-testid="issues-ready">
            {ready}
          </p>
        </div>
      ) : (
        <ul className="-mx-2 flex flex-col gap-0.5">
          {issues.map((issue, i) => {
            const subject = about[i]?.about;
            return (
              <li key={`${issue.code}:${issue.stepId ?? ''}:${issue.edgeId ?? ''}:${i}`}>
                <button
                  type="button"
                  data-testid="issue-item"
                  data-code={issue.code}
                  onClick={() => open(issue, i)}
                  disabled={!issue.stepId && !issue.edgeId}
                  className={`flex w-full gap-2.5 rounded-md px-2 py-2 text-left hover:bg-zinc-50 disabled:cursor-default disabled:hover:bg-transparent ${FOCUS_RING}`}
                >
                  <span aria-hidden="true" className="mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full bg-red-100 text-[10px] font-bold text-red-700">
                    !
                  </span>
                  <span className="min-w-0">
                    <span className="block text-[13px] text-zinc-800">{issue.message}</span>
                    {subject && <span className="block truncate text-xs text-zinc-500">{subject}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p className="mt-6 border-t border-zinc-100 pt-4 text-xs text-zinc-500">Select a step to edit its settings. Press ? for keyboard shortcuts.</p>
    </PanelFrame>
  );
}
