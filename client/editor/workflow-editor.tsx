/**
 * The editor for one workflow: palette | canvas | side panel under a header. Owns the editor store (one per open
 * workflow), the saver and the keyboard shortcuts, and hands them down by context. With versions open, the side
 * panel lists the published versions; opening one (or a comparison) swaps the draft's canvas for a read-only one.
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useRef, useState } from 'react';
import { can, type Role } from '../../shared/roles.ts';
import type { StepKind } from '../../shared/steps/registry.ts';
import { Canvas } from '../canvas/canvas.tsx';
import { CapabilitiesProvider } from '../canvas/capabilities.tsx';
import { insertStep } from '../canvas/commands.ts';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/edits.ts';
import { HeatmapLayer } from '../canvas/heatmap-control.tsx';
import { Palette } from '../canvas/palette.tsx';
import { SaverContext } from '../canvas/saver-context.ts';
import { ShortcutHelp } from '../canvas/shortcut-help.tsx';
import { createEditorStore, EditorStoreContext, useEditor, useEditorStore } from '../canvas/store.ts';
import { useShortcuts } from '../canvas/use-shortcuts.ts';
import { SidePanel } from '../panels/side-panel.tsx';
import { DRAFT_VIEW, type EditorView } from '../versions/editor-view.ts';
import { RestoreDialog } from '../versions/restore-dialog.tsx';
import type { VersionSummary } from '../versions/use-versions.ts';
import { VersionWorkspace } from '../versions/version-workspace.tsx';
import { VersionsPanel } from '../versions/versions-panel.tsx';
import { WhatIfLayer } from '../what-if/what-if-layer.tsx';
import { ConflictDialog } from './conflict-dialog.tsx';
import { EditorHeader } from './editor-header.tsx';
import { EditorRunOverlay, EditorRunProvider } from './editor-run.tsx';
import { PoliciesSync } from './policies-sync.tsx';
import { toWorkflowMeta, useEditorSaver, type WorkflowDetail } from './use-saver.ts';

export function WorkflowEditor({ detail, companySlug, role }: { detail: WorkflowDetail; companySlug: string; role: Role }) {
  const [store] = useState(() => createEditorStore(detail.graph, toWorkflowMeta(detail, companySlug), { edit: can(role, 'edit_workflows'), run: can(role, 'run_workflows') }));
  return (
    <EditorStoreContext.Provider value={store}>
      <PoliciesSync companySlug={companySlug} />
      <ReactFlowProvider>
        <CapabilitiesProvider>
          <EditorRunProvider>
            <EditorBody />
          </EditorRunProvider>
        </CapabilitiesProvider>
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

function EditorBody() {
  const store = useEditorStore();
  const saver = useEditorSaver(store);
  const { screenToFlowPosition, setCenter, getZoom } = useReactFlow();
  const canvasBox = useRef<HTMLDivElement>(null);
  const editable = useEditor((s) => s.access.edit);
  const conflict = useEditor((s) => s.save.conflict);
  const [help, setHelp] = useState(false);
  const [conflictHidden, setConflictHidden] = useState(false);
  const [view, setView] = useState<EditorView>(DRAFT_VIEW);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [restoring, setRestoring] = useState<VersionSummary | null>(null);
  // A new conflict always shows the dialog again, even if the last one was closed with Esc.
  if (!conflict && conflictHidden) setConflictHidden(false);

  // While a version is on screen the draft's canvas is not, so its shortcuts (delete, undo, …) must not fire.
  const onDraft = useRef(true);
  onDraft.current = view.kind === 'draft';
  useShortcuts(store, { save: () => void saver.flush(), toggleHelp: () => setHelp((h) => !h), active: () => onDraft.current });

  /** Back from a version to the draft, the version list stays open (it is where the user came from). */
  function show(next: EditorView) {
    setView(next);
    if (next.kind !== 'draft') setVersionsOpen(true);
  }

  function closeVersions() {
    setVersionsOpen(false);
    setView(DRAFT_VIEW);
  }

  function insert(kind: StepKind) {
    const r = canvasBox.current?.getBoundingClientRect();
    if (!r) return;
    const centre = screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    const { position: p } = insertStep(store, kind, { fallbackCentre: centre });
    // A step added after the selected one may land off screen: bring it into view without changing the zoom.
    const topLeft = screenToFlowPosition({ x: r.left, y: r.top });
    const bottomRight = screenToFlowPosition({ x: r.right, y: r.bottom });
    const visible = p.x >= topLeft.x && p.y >= topLeft.y && p.x + NODE_WIDTH <= bottomRight.x && p.y + NODE_HEIGHT <= bottomRight.y;
    if (!visible) void setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom: getZoom(), duration: 250 });
  }

  return (
    <SaverContext.Provider value={saver}>
      {/* Full-bleed beside the app sidebar (its width is --shell-left): a canvas wants every pixel. */}
      <div className="fixed inset-y-0 right-0 left-(--shell-left) z-10 flex flex-col bg-zinc-50">
        <EditorHeader
          onResolveConflict={() => setConflictHidden(false)}
          versionsOpen={versionsOpen || view.kind !== 'draft'}
          onToggleVersions={() => (versionsOpen || view.kind !== 'draft' ? closeVersions() : setVersionsOpen(true))}
        />
        <div className="flex min-h-0 flex-1">
          {view.kind === 'draft' ? (
            <>
              {editable && <Palette onInsert={insert} />}
              <EditorRunOverlay>
                <div ref={canvasBox} className="relative min-h-0 min-w-0 flex-1">
                  <HeatmapLayer>
                    <WhatIfLayer>
                      <Canvas onHelp={() => setHelp(true)} rememberViewport />
                    </WhatIfLayer>
                  </HeatmapLayer>
                </div>
              </EditorRunOverlay>
              {versionsOpen ? <VersionsPanel view={view} onView={show} onRestore={setRestoring} onClose={closeVersions} /> : <SidePanel />}
            </>
          ) : (
            <VersionWorkspace view={view} onView={show} onRestore={setRestoring} onClose={closeVersions} onHelp={() => setHelp(true)} />
          )}
        </div>
      </div>
      <RestoreDialog version={restoring} onClose={() => setRestoring(null)} onRestored={() => setView(DRAFT_VIEW)} />
      <ConflictDialog open={conflict && !conflictHidden} onClose={() => setConflictHidden(true)} />
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
    </SaverContext.Provider>
  );
}
