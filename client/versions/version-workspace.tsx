/**
 * The editor while it shows a published version or a comparison instead of the draft: a banner saying what is
 * shown (with the way back), the read-only canvas, and the versions panel. Nothing here edits the draft except
 * Restore, which goes through the saver like every other write.
 */
import { useMemo } from 'react';
import type { Graph } from '../../shared/graph/schema.ts';
import type { TriggerConfig } from '../../shared/workflows/trigger-config.ts';
import { useEditor } from '../canvas/store.ts';
import { Button, FOCUS_RING } from '../ui/button.tsx';
import { RelativeTime } from '../ui/relative-time.tsx';
import { compare, DRAFT_VIEW, summarise, viewKey, type Comparison, type EditorView } from './editor-view.ts';
import { useVersion, useVersions, type VersionDetail, type VersionSummary } from './use-versions.ts';
import { VersionCanvas } from './version-canvas.tsx';
import { VersionsPanel } from './versions-panel.tsx';

interface WorkspaceProps {
  view: Exclude<EditorView, { kind: 'draft' }>;
  onView: (view: EditorView) => void;
  onRestore: (version: VersionSummary) => void;
  /** Closes the versions altogether (back to the draft and its side panel). */
  onClose: () => void;
  onHelp: () => void;
}

type Shown =
  | { status: 'pending' }
  | { status: 'error'; message: string }
  /** What to draw: a version's graph, or a comparison's merged graph (with the target's trigger). */
  | { status: 'ready'; graph: Graph; triggerConfig: TriggerConfig; version: VersionDetail | null; comparison: Comparison | null };

/** Loads what the view needs and, for a comparison, works out the diff (once per view). */
function useShown(view: WorkspaceProps['view']): Shown {
  const first = useVersion(view.kind === 'version' ? view.versionId : view.baseId);
  const second = useVersion(view.kind === 'diff' && view.targetId !== 'draft' ? view.targetId : null);
  // The draft cannot change while it is not on screen, so reading it here costs one render.
  const draftGraph = useEditor((s) => s.graph);
  const draftTrigger = useEditor((s) => s.meta.triggerConfig);
  return useMemo((): Shown => {
    const failed = first.error ?? second.error;
    if (failed) return { status: 'error', message: failed.message };
    if (!first.data) return { status: 'pending' };
    if (view.kind === 'version') return { status: 'ready', graph: first.data.graph, triggerConfig: first.data.triggerConfig, version: first.data, comparison: null };
    const target = view.targetId === 'draft' ? { graph: draftGraph, triggerConfig: draftTrigger } : second.data;
    if (!target) return { status: 'pending' };
    const comparison = compare(first.data, target);
    return { status: 'ready', graph: comparison.graph, triggerConfig: target.triggerConfig, version: null, comparison };
  }, [view, first.data, first.error, second.data, second.error, draftGraph, draftTrigger]);
}

export function VersionWorkspace({ view, onView, onRestore, onClose, onHelp }: WorkspaceProps) {
  const shown = useShown(view);
  const versions = useVersions();
  const summaryOf = (id: string) => versions.data?.find((v) => v.id === id);
  return (
    <>
      <div className="flex min-w-0 flex-1 flex-col">
        <div data-testid="version-banner" data-view={view.kind} className="flex min-h-12 shrink-0 flex-wrap items-center gap-x-4 gap-y-2 border-b border-orange-200 bg-orange-50 px-4 py-2">
          {view.kind === 'version' ? (
            <VersionTitle version={shown.status === 'ready' ? shown.version : null} summary={summaryOf(view.versionId)} />
          ) : (
            <CompareTitle view={view} comparison={shown.status === 'ready' ? shown.comparison : null} onView={onView} />
          )}
          <div className="ml-auto flex items-center gap-2">
            {view.kind === 'version' && (
              <>
                <Button data-testid="view-compare-draft" onClick={() => onView({ kind: 'diff', baseId: view.versionId, targetId: 'draft' })}>
                  Compare with draft
                </Button>
                <RestoreFromView summary={summaryOf(view.versionId)} onRestore={onRestore} />
              </>
            )}
            <Button variant="primary" data-testid="view-close" onClick={() => onView(DRAFT_VIEW)}>
              Back to the draft
            </Button>
          </div>
        </div>
        <div className="relative min-h-0 flex-1">
          {shown.status === 'ready' ? (
            <VersionCanvas
              key={viewKey(view)}
              graph={shown.graph}
              triggerConfig={shown.triggerConfig}
              marks={shown.comparison?.marks ?? null}
              onHelp={onHelp}
            />
          ) : shown.status === 'error' ? (
            <p role="alert" className="m-6 text-red-700">
              Could not open this version: {shown.message}
            </p>
          ) : (
            <p aria-busy="true" className="m-6 text-zinc-500">
              Opening the version…
            </p>
          )}
        </div>
      </div>
      <VersionsPanel view={view} onView={onView} onRestore={onRestore} onClose={onClose} comparison={shown.status === 'ready' ? shown.comparison : null} />
    </>
  );
}

function VersionTitle({ version, summary }: { version: VersionDetail | null; summary: VersionSummary | undefined }) {
  const published = useEditor((s) => s.meta.published?.version ?? null);
  const v = version ?? summary;
  if (!v) return <p className="font-medium text-zinc-700">Opening the version…</p>;
  return (
    <div className="min-w-0">
      <p className="flex items-center gap-2 font-semibold text-zinc-900">
        <span data-testid="view-title">Version {v.version}</span>
        <span className="rounded bg-white px-1.5 text-xs font-medium text-zinc-600 ring-1 ring-zinc-200">Read only</span>
        {v.version === published && <span className="rounded-full bg-emerald-50 px-1.5 text-[11px] font-medium text-emerald-700 ring-1 ring-emerald-200">Published</span>}
      </p>
      <p className="truncate text-xs text-zinc-600">
        Published by {v.createdByName ?? 'a former member'} <RelativeTime value={v.createdAt} />
        {v.message && (
          <>
            {' · '}
            <span data-testid="view-message" className="text-zinc-800">
              “{v.message}”
            </span>
          </>
        )}
      </p>
    </div>
  );
}

function RestoreFromView({ summary, onRestore }: { summary: VersionSummary | undefined; onRestore: (v: VersionSummary) => void }) {
  const editable = useEditor((s) => s.access.edit);
  if (!editable || !summary) return null;
  return (
    <Button data-testid="view-restore" onClick={() => onRestore(summary)}>
      Restore this version
    </Button>
  );
}

/** "Comparing [v1] → [the draft]", both ends pickable, with the counts. */
function CompareTitle({ view, comparison, onView }: { view: Extract<EditorView, { kind: 'diff' }>; comparison: Comparison | null; onView: (v: EditorView) => void }) {
  const versions = useVersions();
  const list = versions.data ?? [];
  const select = `rounded-md border-0 bg-white py-1 pr-7 pl-2 text-sm shadow-xs ring-1 ring-zinc-300 ring-inset ${FOCUS_RING}`;
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
      <label className="flex items-center gap-2 text-sm font-semibold text-zinc-900">
        Comparing
        <select data-testid="diff-base" aria-label="From" className={select} value={view.baseId} onChange={(e) => onView({ ...view, baseId: e.target.value })}>
          {list.map((v) => (
            <option key={v.id} value={v.id}>
              v{v.version}
            </option>
          ))}
        </select>
      </label>
      <span aria-hidden="true">→</span>
      <select data-testid="diff-target" aria-label="To" className={select} value={view.targetId} onChange={(e) => onView({ ...view, targetId: e.target.value })}>
        <option value="draft">the draft</option>
        {list.map((v) => (
          <option key={v.id} value={v.id}>
            v{v.version}
          </option>
        ))}
      </select>
      {comparison && (
        <span data-testid="diff-summary" className="text-sm text-zinc-700">
          {summarise(comparison.diff)}
        </span>
      )}
    </div>
  );
}
