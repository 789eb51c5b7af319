/** The editor's top bar: back, name, version, save state, issues, versions, and the Run / Publish / Enable actions. */
import { useEffect } from 'react';
import { setSelection, useEditor, useEditorStore } from '../canvas/store.ts';
import { Link } from '../router.tsx';
import { workflowsPath } from '../session.ts';
import { FOCUS_RING } from '../ui/button.tsx';
import { useVersions } from '../versions/use-versions.ts';
import { EnableSwitch, PublishButton } from './publish-controls.tsx';
import { EditorRunNow } from './run-now-button.tsx';
import { SaveStateIndicator } from './save-state.tsx';
import { Check, CircleAlert } from 'lucide-react';

const NOTICE_MS = 6000;

interface EditorHeaderProps {
  onResolveConflict: () => void;
  versionsOpen: boolean;
  onToggleVersions: () => void;
}

export function EditorHeader({ onResolveConflict, versionsOpen, onToggleVersions }: EditorHeaderProps) {
  const store = useEditorStore();
  const meta = useEditor((s) => s.meta);
  const steps = useEditor((s) => s.graph.steps.length);
  const editable = useEditor((s) => s.access.edit);
  const flash = useEditor((s) => s.notice);
  const versions = useVersions();
  const publishedMessage = versions.data?.find((v) => v.version === meta.published?.version)?.message;

  useEffect(() => {
    if (!flash) return;
    const t = setTimeout(() => {
      if (store.getState().notice?.id === flash.id) store.setState({ notice: null });
    }, NOTICE_MS);
    return () => clearTimeout(t);
  }, [flash, store]);

  const draftAhead = meta.published && meta.published.sourceRevision !== meta.revision;
  return (
    <header className="relative flex h-14 shrink-0 items-center gap-4 border-b border-zinc-200 bg-white px-4">
      <Link to={workflowsPath(meta.companySlug)} aria-label="Back to workflows" title="Back to workflows" className={`flex size-8 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 ${FOCUS_RING}`}>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M12 5l-5 5 5 5" />
        </svg>
      </Link>
      <div className="min-w-0">
        <h1 data-testid="workflow-name" className="truncate text-base leading-tight font-semibold text-zinc-900" title={meta.name}>
          {meta.name}
        </h1>
        <p className="flex items-center gap-1.5 text-xs text-zinc-500">
          <span>
            <span data-testid="workflow-step-count">{steps}</span> {steps === 1 ? 'step' : 'steps'}
          </span>
          <span aria-hidden="true">·</span>
          {meta.published ? (
            <span data-testid="published-version" title={publishedMessage ? `v${meta.published.version}: ${publishedMessage}` : undefined}>
              Published v{meta.published.version}
              {draftAhead ? ' · draft has changes' : ''}
            </span>
          ) : (
            <span data-testid="published-version">Draft, never published</span>
          )}
          {!editable && <span className="ml-1 rounded bg-zinc-100 px-1.5 font-medium text-zinc-600">Read only</span>}
        </p>
      </div>
      {editable && <SaveStateIndicator onResolveConflict={onResolveConflict} />}
      <IssuesChip />
      <div className="ml-auto flex items-center gap-3">
        <button
          type="button"
          data-testid="versions-toggle"
          aria-pressed={versionsOpen}
          onClick={onToggleVersions}
          title="Published versions: view, compare, restore"
          className={`flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors ${FOCUS_RING} ${
            versionsOpen ? 'bg-orange-50 text-orange-800 ring-1 ring-orange-200 ring-inset' : 'text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900'
          }`}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round">
            <path d="M3.5 10a6.5 6.5 0 1 0 2-4.7M3.5 3.5v3h3M10 6.5V10l2.5 1.5" />
          </svg>
          Versions
          {versions.data && versions.data.length > 0 && <span className="rounded-full bg-zinc-100 px-1.5 text-xs text-zinc-600">{versions.data.length}</span>}
        </button>
        <EnableSwitch />
        <EditorRunNow />
        <PublishButton />
      </div>
      {flash && (
        // Under the header, at the canvas's top right (clear of its toolbar and the side panel): never squeezes the header.
        <p
          key={flash.id}
          role="status"
          data-testid="editor-flash"
          className={`absolute top-full right-[23rem] z-20 mt-3 max-w-sm rounded-lg px-3 py-2 text-sm font-medium shadow-md ring-1 ${
            flash.tone === 'error' ? 'bg-red-50 text-red-800 ring-red-200' : 'bg-emerald-50 text-emerald-800 ring-emerald-200'
          }`}
        >
          {flash.text}
        </p>
      )}
    </header>
  );
}

/** The issue count; clicking it clears the selection, so the side panel shows the issues list. */
function IssuesChip() {
  const store = useEditorStore();
  const count = useEditor((s) => s.issues.all.length);
  const ok = count === 0;
  return (
    <button
      type="button"
      data-testid="issues-chip"
      onClick={() => setSelection(store, [])}
      title={ok ? 'No issues: ready to publish' : 'Show the issues'}
      className={`flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset transition-colors ${FOCUS_RING} ${
        ok ? 'bg-emerald-50 text-emerald-700 ring-emerald-200 hover:bg-emerald-100' : 'bg-red-50 text-red-700 ring-red-200 hover:bg-red-100'
      }`}
    >
      {ok ? <Check aria-hidden="true" className="size-3.5" /> : <CircleAlert aria-hidden="true" className="size-3.5" />}
      {ok ? 'No issues' : `${count} issue${count === 1 ? '' : 's'}`}
    </button>
  );
}
