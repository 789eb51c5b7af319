/**
 * The right-hand panel while versions are open: in a comparison, the list of what changed; then every published
 * version, newest first, with its message, who published it and when, and View / Compare / Restore.
 */
import type { ReactNode } from 'react';
import type { EdgeDiff, StepDiff } from '../../shared/graph/diff.ts';
import { STEP_DIFF_STYLE } from '../canvas/step-node.tsx';
import { describeFields } from '../canvas/describe-fields.ts';
import { useEditor } from '../canvas/store.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import { PanelFrame } from '../ui/panel-frame.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { LoadingState, Skeleton } from '../ui/states.tsx';
import { summarise, type Comparison, type EditorView } from './editor-view.ts';
import { useVersions, type VersionSummary } from './use-versions.ts';

interface VersionsPanelProps {
  view: EditorView;
  onView: (view: EditorView) => void;
  onRestore: (version: VersionSummary) => void;
  onClose: () => void;
  comparison?: Comparison | null;
}

export function VersionsPanel({ view, onView, onRestore, onClose, comparison }: VersionsPanelProps) {
  const versions = useVersions();
  const editable = useEditor((s) => s.access.edit);
  const published = useEditor((s) => s.meta.published?.version ?? null);
  const shown = view.kind === 'version' ? view.versionId : view.kind === 'diff' ? view.baseId : null;

  return (
    <aside aria-label="Versions" data-testid="versions-panel" className="flex w-[22rem] shrink-0 flex-col border-l border-zinc-200 bg-white">
      <PanelFrame title="Versions" subtitle="Each publish makes a version. Open one, compare it with another or with the draft, or restore it." onClose={onClose}>
        {comparison && <ChangeList comparison={comparison} />}
        {versions.isPending ? (
          <LoadingState label="Loading versions…">
            <div className="flex flex-col gap-3">
              <Skeleton className="h-14" />
              <Skeleton className="h-14" />
            </div>
          </LoadingState>
        ) : versions.isError ? (
          <p role="alert" className="text-sm text-red-700">
            Could not load the versions: {versions.error.message}
          </p>
        ) : versions.data.length === 0 ? (
          <div className="py-6 text-center text-zinc-500" data-testid="versions-empty">
            <p className="font-medium text-zinc-700">Not published yet</p>
            <p className="mt-1 text-xs">Publishing the draft makes version 1.</p>
          </div>
        ) : (
          <ol className="-mx-2 flex flex-col gap-1" aria-label="Published versions">
            {versions.data.map((v) => (
              <li
                key={v.id}
                data-testid="version-row"
                data-version={v.version}
                aria-current={shown === v.id ? 'true' : undefined}
                className={`rounded-lg px-2 py-2.5 ${shown === v.id ? 'bg-orange-50 ring-1 ring-orange-200 ring-inset' : ''}`}
              >
                <div className="flex items-baseline gap-2">
                  <span className="font-semibold text-zinc-900">v{v.version}</span>
                  {v.version === published && <span className="rounded-full bg-emerald-50 px-1.5 text-[11px] font-medium text-emerald-700 ring-1 ring-emerald-200">Published</span>}
                  <span className="ml-auto text-xs text-zinc-500">
                    <RelativeTime value={v.createdAt} />
                  </span>
                </div>
                <p data-testid="version-message" className="mt-0.5 text-[13px] break-words text-zinc-700">
                  {v.message || <span className="text-zinc-400 italic">No message</span>}
                </p>
                <p data-testid="version-author" className="text-xs text-zinc-500">
                  by {v.createdByName ?? 'a former member'}
                </p>
                <div className="mt-2 flex flex-wrap gap-1.5">
                  <SmallButton testId="version-view" label={`View version ${v.version}`} onClick={() => onView({ kind: 'version', versionId: v.id })}>
                    View
                  </SmallButton>
                  <SmallButton testId="version-compare" label={`Compare version ${v.version} with the draft`} onClick={() => onView({ kind: 'diff', baseId: v.id, targetId: 'draft' })}>
                    Compare with draft
                  </SmallButton>
                  {editable && (
                    <SmallButton testId="version-restore" label={`Restore version ${v.version} into the draft`} onClick={() => onRestore(v)}>
                      Restore
                    </SmallButton>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </PanelFrame>
    </aside>
  );
}

function SmallButton({ testId, label, onClick, children }: { testId: string; label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      data-testid={testId}
      aria-label={label}
      onClick={onClick}
      className={`rounded-md bg-white px-2 py-1 text-xs font-medium text-zinc-700 shadow-xs ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 ${FOCUS_RING}`}
    >
      {children}
    </button>
  );
}

const EDGE_STYLE = {
  added: STEP_DIFF_STYLE.added,
  removed: STEP_DIFF_STYLE.removed,
  changed: STEP_DIFF_STYLE.changed,
} as const;

const ORDER = { added: 0, removed: 1, changed: 2, moved: 3 } as const;

/** What a comparison found: steps, then connections, each added → removed → changed → moved, with what changed. */
function ChangeList({ comparison }: { comparison: Comparison }) {
  const { diff, graph } = comparison;
  const names = new Map(graph.steps.map((s) => [s.id, s.name]));
  const byStatus = <T extends { status: keyof typeof ORDER }>(list: readonly T[]) => [...list].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const items = [
    ...byStatus(diff.steps).map((d) => ({ key: `s:${d.id}`, status: d.status, tag: STEP_DIFF_STYLE[d.status], text: stepText(d) })),
    ...byStatus(diff.edges).map((d) => ({ key: `e:${d.key}`, status: d.status, tag: EDGE_STYLE[d.status], text: edgeText(d, names) })),
  ];
  return (
    <section aria-label="Changes" data-testid="diff-changes" className="mb-5 border-b border-zinc-100 pb-4">
      <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">Changes</h3>
      <p className="mt-0.5 text-sm text-zinc-700" data-testid="diff-summary-panel">
        {summarise(diff)}
      </p>
      {items.length > 0 && (
        <ul className="mt-2 flex flex-col gap-1">
          {items.map((item) => (
            <li key={item.key} data-testid="diff-item" data-status={item.status} className="flex items-start gap-2 text-[13px]">
              <span className={`mt-0.5 shrink-0 rounded-full px-1.5 text-[10px] font-semibold tracking-wide uppercase ${item.tag.tag}`}>{item.tag.label}</span>
              <span className="min-w-0 text-zinc-700">{item.text}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function stepText(d: StepDiff): string {
  if (d.status === 'changed') {
    const renamed = d.fields.includes('name') && d.before ? ` (was “${d.before.name}”)` : '';
    return `${d.step.name}${renamed}: ${describeFields(d.step.kind, d.fields)}`;
  }
  return d.step.name;
}

function edgeText(d: EdgeDiff, names: ReadonlyMap<string, string>): string {
  const path = `${names.get(d.edge.source) ?? d.edge.source} → ${names.get(d.edge.target) ?? d.edge.target}`;
  if (d.status === 'changed') return `${path}: ${d.before?.label ?? 'no label'} → ${d.edge.label ?? 'no label'}`;
  return d.edge.label ? `${path} (${d.edge.label})` : path;
}
